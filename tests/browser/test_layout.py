"""Layout a reader would notice: fields that stay inside their box, targets that do not touch."""

from conftest import DESKTOP, PHONE
from factories import UserFactory, make_work

from quire.feedback.services import post_review


def test_the_date_filters_stay_inside_the_sidebar(page, transactional_db):
    make_work(title="Dated")
    page.set_viewport_size(DESKTOP)
    page.goto("/works")
    overflow = page.evaluate(
        """() => {
          const box = document.querySelector('.filters').getBoundingClientRect();
          return [...document.querySelectorAll('.filters input, .filters select')]
            .filter(e => e.getBoundingClientRect().right > box.right + 0.5).map(e => e.name);
        }"""
    )
    assert overflow == []


def test_a_reviews_report_and_reply_do_not_touch_on_a_phone(page, transactional_db):
    work = make_work(title="Reviewed")
    post_review(chapter=work.chapters.get(), user=UserFactory(), body="Lovely.")
    page.set_viewport_size(PHONE)
    page.goto(work.get_absolute_url())
    report, reply = page.evaluate(
        """() => [document.querySelector('.review-actions a').getBoundingClientRect().bottom,
                  document.querySelector('details.reply summary').getBoundingClientRect().top]"""
    )
    assert reply - report >= 4
