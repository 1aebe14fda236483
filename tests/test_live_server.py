"""The live server the browser tests read from answers requests that arrive together, as a browser sends
them (a page's reading beacon while the reader clicks Subscribe), on SQLite as on PostgreSQL."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from factories import PASSWORD, UserFactory, make_work


def _logged_in_opener(base_url, username):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base_url + "/account/login", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
    opener.open(urllib.request.Request(base_url + "/account/login", data=body.encode()), timeout=30)
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    return opener, csrf


def test_writes_and_reads_arriving_together_are_all_answered(live_server, transactional_db):
    work = make_work()
    UserFactory(username="loyal")
    opener, csrf = _logged_in_opener(live_server.url, "loyal")
    page = live_server.url + work.get_absolute_url()
    subscription = live_server.url + f"/works/{work.pk}/subscription"

    def status(number):
        if number % 2:
            request = urllib.request.Request(page)
        else:
            action = {"action": "unsubscribe"} if number % 4 else {}
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, **action}).encode()
            request = urllib.request.Request(subscription, data=body, headers={"Referer": page})
        try:
            with opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(status, range(80)))

    assert statuses == [200] * 80
