"""A gift exchange run as people run one (issue #22): a maintainer makes an unrevealed, anonymous exchange;
three members sign up; the maintainer matches and sends; each gives a work for their assignment (one writes
it from the assignment's "Post a new work" link, a draft the maintainer sees in progress until posted); a guest
sees three mystery works and no creator, then anonymous gifts after the reveal, then the creators after the
creators' reveal."""

import re
from datetime import timedelta

from django.utils import timezone
from factories import UserFactory, make_work
from playwright.sync_api import expect
from task_queue import run_worker

from quire.exchanges.models import Assignment

FANDOMS = {"alder": "Gilmore Girls", "birch": "Sherlock (TV)", "cedar": "Star Trek"}
# Each asks for the next one's fandom, so the only matching is one cycle of three.
WANTS = {"alder": "Sherlock (TV)", "birch": "Star Trek", "cedar": "Gilmore Girls"}


def log_in(page, username):
    page.goto("/account/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".account-menu")).to_contain_text(username)


def moment(delta) -> str:
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def blurb_headings(page) -> list[str]:
    return [" ".join(text.split()) for text in page.locator("li.blurb h2.heading").all_inner_texts()]


def test_an_unrevealed_anonymous_exchange_from_sign_up_to_the_reveals(
    browser, live_server, checked, transactional_db
):
    UserFactory(username="runner")
    members = {name: UserFactory(username=name) for name in FANDOMS}
    # birch and cedar give works they wrote already; alder writes theirs for the assignment (below).
    works = {
        name: make_work(members[name], title=f"Gift from {name}", fandoms=(FANDOMS[name],))
        for name in ("birch", "cedar")
    }

    runner = browser.new_context(base_url=live_server.url).new_page()
    log_in(runner, "runner")
    runner.goto("/collections/new")
    runner.locator("[name=name]").fill("winter_swap")
    runner.locator("[name=title]").fill("Winter Swap")
    runner.locator("[name=is_unrevealed]").check()
    runner.locator("[name=is_anonymous]").check()
    runner.get_by_role("button", name="Create collection").click()
    expect(runner.locator("h1")).to_contain_text("Winter Swap")

    runner.goto("/collections/winter_swap/exchange/setup")
    runner.locator("[name=fandoms]").fill(", ".join(FANDOMS.values()))
    runner.locator("[name=signups_open_at]").fill(moment(timedelta(days=-1)))
    runner.locator("[name=signups_close_at]").fill(moment(timedelta(days=1)))
    runner.get_by_role("button", name="Save the exchange").click()
    checked(runner, "exchange-set-up", screenshots=False)

    for name in FANDOMS:
        member = browser.new_context(base_url=live_server.url).new_page()
        log_in(member, name)
        member.goto("/collections/winter_swap/signups/new")
        member.locator("[name=request-0-fandoms]").fill(WANTS[name])
        member.locator("[name=offer-0-fandoms]").fill(FANDOMS[name])
        member.get_by_role("button", name="Sign up").click()
        expect(member.locator("body")).to_contain_text(WANTS[name])
        member.context.close()

    # Sign-ups close (the maintainer moves the closing time to a minute ago), then the matching.
    runner.goto("/collections/winter_swap/exchange/setup")
    runner.locator("[name=signups_open_at]").fill(moment(timedelta(days=-2)))
    runner.locator("[name=signups_close_at]").fill(moment(timedelta(minutes=-1)))
    runner.get_by_role("button", name="Save the exchange").click()
    runner.goto("/collections/winter_swap/assignments")
    runner.get_by_role("button", name="Generate potential assignments").click()
    runner.get_by_role("button", name="Send assignments").click()
    assert Assignment.objects.filter(sent_at__isnull=False).count() == 3

    # alder writes a new work for their assignment from the assignment's own link: a draft first, which the
    # maintainer sees in progress (not fulfilled), then posted.
    writer = browser.new_context(base_url=live_server.url).new_page()
    log_in(writer, "alder")
    writer.goto("/collections/winter_swap/assignments/mine")
    expect(writer.locator("body")).to_contain_text(FANDOMS["alder"])  # what their recipient asked for
    writer.get_by_role("link", name="Post a new work for this assignment").click()
    expect(writer).to_have_url(re.compile(r"/works/new\?assignment=\d+$"))
    writer.get_by_label("Rating:", exact=True).select_option(label="General Audiences")
    writer.get_by_label("No Archive Warnings Apply").check()
    writer.get_by_label("Fandoms:", exact=True).fill(FANDOMS["alder"])
    writer.get_by_label("Title:", exact=True).fill("Gift from alder")
    writer.get_by_label("Chapter text:", exact=True).fill("Snow on the inn's porch, for you.")
    writer.get_by_role("button", name="Save as draft and preview").click()
    expect(writer.locator("main")).to_contain_text("it fulfils the assignment once you post it")
    runner.goto("/collections/winter_swap/assignments")
    expect(runner.locator("table.assignments")).to_contain_text("Draft in progress: Gift from alder")
    writer.get_by_role("button", name="Post work").click()
    expect(writer.locator("main")).to_contain_text("Your work was posted")
    run_worker()  # the worker's part of posting: the assignment written for is fulfilled
    runner.goto("/collections/winter_swap/assignments")
    expect(runner.locator("table.assignments")).to_contain_text("Fulfilled: Gift from alder")
    writer.context.close()

    for name in ("birch", "cedar"):
        member = browser.new_context(base_url=live_server.url).new_page()
        log_in(member, name)
        member.goto("/collections/winter_swap/assignments/mine")
        expect(member.locator("body")).to_contain_text(FANDOMS[name])  # what their recipient asked for
        member.locator("[name=work]").select_option(label=works[name].title)
        member.get_by_role("button", name="Fulfil with this work").click()
        member.context.close()
    assert Assignment.objects.filter(fulfilled_at__isnull=False).count() == 3

    guest = browser.new_context(base_url=live_server.url).new_page()
    guest.goto("/collections/winter_swap")
    expect(guest.locator("li.mystery")).to_have_count(3)
    body = guest.locator("main").inner_text()
    assert not any(name in body for name in FANDOMS) and "Gift from" not in body
    checked(guest, "exchange-mystery-works")

    runner.goto("/collections/winter_swap/manage")
    runner.get_by_role("button", name="Reveal the works now").click()
    guest.goto("/collections/winter_swap")
    expect(guest.locator("li.mystery")).to_have_count(0)
    headings = blurb_headings(guest)
    assert len(headings) == 3, headings
    for name in FANDOMS:
        heading = next(h for h in headings if h.startswith(f"Gift from {name}"))
        recipient = next(other for other in FANDOMS if WANTS[other] == FANDOMS[name])
        assert re.fullmatch(rf"Gift from {name} by Anonymous for {recipient}", heading), heading

    runner.goto("/collections/winter_swap/manage")
    runner.get_by_role("button", name="Reveal the creators now").click()
    guest.goto("/collections/winter_swap")
    for heading in blurb_headings(guest):
        name = heading.split()[2]
        assert f" by {name} for " in heading, heading
