from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from quire.accounts.models import Pseud, User

admin.site.register(User, UserAdmin)
admin.site.register(Pseud)
