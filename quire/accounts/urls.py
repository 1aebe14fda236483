from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from quire.accounts import auth_views as named_views
from quire.accounts import pseuds, views
from quire.accounts.forms import LoginForm, PasswordResetForm
from quire.core.ratelimit import limit, login_failed

app_name = "accounts"
urlpatterns = [
    path("account/signup", views.signup, name="signup"),
    path(
        "account/login",
        limit(views.login_checks, count_when=login_failed)(
            named_views.LoginView.as_view(
                template_name="accounts/login.html",
                authentication_form=LoginForm,
                redirect_authenticated_user=True,
            )
        ),
        name="login",
    ),
    path("account/logout", named_views.LogoutView.as_view(), name="logout"),
    path("account/settings", views.settings_page, name="settings"),
    path(
        "account/password",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "account/password/done",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "account/password/reset",
        named_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=PasswordResetForm,
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "account/password/reset/sent",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/complete",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("preferences", views.reading_preferences, name="preferences"),
    path("users/<str:username>", views.profile, name="profile"),
    path("account/pseuds", pseuds.pseud_list, name="pseuds"),
    path("account/pseuds/new", pseuds.pseud_new, name="pseud_new"),
    path("account/pseuds/<int:pseud_id>/edit", pseuds.pseud_edit, name="pseud_edit"),
    path("account/pseuds/<int:pseud_id>/delete", pseuds.pseud_delete, name="pseud_delete"),
    path("account/pseuds/<int:pseud_id>/move", pseuds.pseud_move, name="pseud_move"),
    path("users/<str:username>/pseuds/<str:pseud_name>", views.pseud, name="pseud"),
    path(
        "users/<str:username>/pseuds/<str:pseud_name>/bookmarks",
        views.pseud_bookmarks,
        name="pseud_bookmarks",
    ),
]
