"""The agenda podnětů: the public suggestion form and the public list of resolved suggestions."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from kpss.antispam import ip_hash
from kpss.models import RateLimitHit, UsedFormToken
from kpss.ratelimits import PUBLIC_SUBMISSIONS
from kpss.submissions import SubmitterType as CommenterType
from planning.models import Comment, Suggestion
from tests.factories import GroupFactory
from tests.helpers import assert_queries_do_not_grow, open_form, page_text

LIST_URL = "/podnety/"
FORM_URL = "/podnety/novy/"


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 10


def form_data(client, **overrides):
    """What a person sends from the form they opened: its start token, and what they typed."""
    form = open_form(client, FORM_URL, fields=["text", "name", "email", "started", "website"]).context["form"]
    return {
        "text": "Na Lipovecku chybí odlehčovací služba pro rodiny, které pečují o seniory doma.",
        "name": "Marie Dvořáková",
        "organisation": "Spolek pečujících",
        "commenter_type": CommenterType.USER,
        "email": "marie@example.cz",
        "publish_name": "on",
        "website": "",
        "started": form["started"].value(),
        **overrides,
    }


def refusal_codes(response):
    return [error.code for error in response.context["form"].errors.as_data()["__all__"]]


def resolved(**fields):
    return Suggestion.submit(**{
        "text": "Chybí nízkoprahové zařízení pro děti a mládež.", "name": "Petr Svoboda",
        "status": Suggestion.Status.RESOLVED, "resolution": "Zařazeno do akčního plánu 2026 jako opatření 2.1.",
        "resolved_at": timezone.now(), **fields,
    })


@pytest.mark.django_db
class TestSubmit:
    def test_the_form_page_offers_the_form_with_the_notice_and_a_hidden_honeypot(self, client):
        response = client.get(FORM_URL)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="text"' in html
        assert 'name="started"' in html
        assert 'class="honeypot" aria-hidden="true"' in html
        assert "gdpr-notice" in html

    def test_a_suggestion_is_filed_with_the_next_number_and_the_hashed_address(self, client):
        Suggestion.submit(text="Starší podnět", name="Někdo")
        response = client.post(FORM_URL, form_data(client))
        assert response.status_code == 302
        assert response["Location"] == LIST_URL
        suggestion = Suggestion.objects.get(number=2)
        assert suggestion.text.startswith("Na Lipovecku chybí odlehčovací služba")
        assert (suggestion.name, suggestion.organisation, suggestion.email) == (
            "Marie Dvořáková", "Spolek pečujících", "marie@example.cz",
        )
        assert suggestion.commenter_type == CommenterType.USER
        assert suggestion.publish_name is True
        assert suggestion.ip_hash == ip_hash(RequestFactory().get("/"))
        assert suggestion.ip_hash != "127.0.0.1"
        # Only the coordinator routes and resolves a suggestion; the form sets nothing else.
        assert suggestion.status == Suggestion.Status.NEW
        assert suggestion.group is None
        assert suggestion.department == ""
        assert suggestion.resolution == ""
        assert suggestion.resolved_at is None
        assert suggestion.anonymised_at is None
        assert Suggestion.objects.count() == 2
        assert mail.outbox == []

    def test_the_message_gives_the_number(self, client):
        response = client.post(FORM_URL, form_data(client))
        [message] = [str(m) for m in get_messages(response.wsgi_request)]
        assert message.rstrip(".").endswith(" 1")
        assert "pod číslem 1" in page_text(client.get(LIST_URL))

    def test_the_name_is_not_published_without_consent(self, client):
        data = form_data(client)
        del data["publish_name"]
        client.post(FORM_URL, data)
        assert Suggestion.objects.get().publish_name is False

    def test_name_and_text_are_required(self, client):
        response = client.post(FORM_URL, form_data(client, text=" ", name=""))
        assert response.status_code == 400
        assert set(response.context["form"].errors) == {"text", "name"}
        assert not Suggestion.objects.exists()

    def test_the_honeypot_refuses_a_robot(self, client):
        response = client.post(FORM_URL, form_data(client, website="http://spam.example"))
        assert response.status_code == 400
        assert refusal_codes(response) == ["honeypot"]
        assert not Suggestion.objects.exists()

    def test_a_form_sent_too_quickly_is_refused_and_keeps_what_was_typed(self, client, settings):
        settings.PUBLIC_FORM_MIN_SECONDS = 60
        response = client.post(FORM_URL, form_data(client))
        html = response.content.decode()
        assert response.status_code == 400
        assert refusal_codes(response) == ["too_fast"]
        assert not Suggestion.objects.exists()
        assert "Na Lipovecku chybí odlehčovací služba pro rodiny" in html
        assert 'value="Marie Dvořáková"' in html
        assert 'value="Spolek pečujících"' in html
        assert 'value="marie@example.cz"' in html
        assert 'value="user" selected' in html
        assert re.search(r'<input type="checkbox" name="publish_name"[^>]*\bchecked', html)
        assert "alert-danger" in html

    def test_a_form_without_a_valid_start_stamp_is_refused_as_expired(self, client):
        response = client.post(FORM_URL, form_data(client, started="podvrh"))
        assert response.status_code == 400
        assert refusal_codes(response) == ["expired"]
        assert not Suggestion.objects.exists()

    def test_a_form_serves_one_submission_and_a_replay_gets_a_fresh_token(self, client):
        data = form_data(client)
        assert client.post(FORM_URL, data).status_code == 302
        replay = client.post(FORM_URL, {**data, "text": "Znovu odeslaný podnět"})
        assert replay.status_code == 400
        assert refusal_codes(replay) == ["used"]
        # Czech once the catalogue has this message ("Tento formulář už byl odeslán…").
        assert replay.context["form"].non_field_errors()[0] in page_text(replay)
        assert "Znovu odeslaný podnět" in replay.content.decode()
        assert Suggestion.objects.count() == 1
        fresh = replay.context["form"]["started"].value()
        assert fresh != data["started"]
        assert client.post(FORM_URL, {**data, "started": fresh}).status_code == 302
        assert Suggestion.objects.count() == 2
        # Only digests are kept, one for each filed submission.
        assert UsedFormToken.objects.count() == 2
        assert not UsedFormToken.objects.filter(digest__in=[data["started"], fresh]).exists()

    def test_used_tokens_are_forgotten_once_they_would_have_expired_anyway(self, client):
        old = UsedFormToken.objects.create(digest="0" * 64, used_at=timezone.now() - timedelta(hours=24, seconds=1))
        recent = UsedFormToken.objects.create(digest="1" * 64, used_at=timezone.now() - timedelta(hours=23))
        assert client.post(FORM_URL, form_data(client)).status_code == 302
        assert not UsedFormToken.objects.filter(pk=old.pk).exists()
        assert UsedFormToken.objects.filter(pk=recent.pk).exists()

    def test_a_refused_form_does_not_use_up_its_token(self, client):
        data = form_data(client)
        assert client.post(FORM_URL, {**data, "name": ""}).status_code == 400
        assert client.post(FORM_URL, data).status_code == 302

    def test_the_rate_limit_counts_comments_and_suggestions_from_the_same_address(
        self, client, settings, comment_round,
    ):
        settings.PUBLIC_FORM_LIMIT_PER_HOUR = 2
        comment_url = comment_round.get_absolute_url()
        started = client.get(comment_url).context["form"]["started"].value()
        comment = {"started": started, "website": "", "part": "", "text": "Připomínka", "name": "Marie",
                   "commenter_type": "public"}
        assert client.post(comment_url, comment).status_code == 302
        assert client.post(FORM_URL, form_data(client)).status_code == 302
        response = client.post(FORM_URL, form_data(client))
        assert response.status_code == 429
        assert "příliš mnoho podání" in page_text(response)
        assert "Na Lipovecku chybí odlehčovací služba pro rodiny" in response.content.decode()
        assert (Comment.objects.count(), Suggestion.objects.count()) == (1, 1)
        assert client.post(FORM_URL, form_data(client), REMOTE_ADDR="198.51.100.7").status_code == 302

    def test_submissions_older_than_an_hour_do_not_count_and_are_forgotten(self, client, settings):
        settings.PUBLIC_FORM_LIMIT_PER_HOUR = 1
        PUBLIC_SUBMISSIONS.record("127.0.0.1")
        RateLimitHit.objects.update(at=timezone.now() - timedelta(hours=1, seconds=1))
        assert client.post(FORM_URL, form_data(client)).status_code == 302
        [hit] = RateLimitHit.objects.all()
        assert hit.at > timezone.now() - timedelta(minutes=1)
        assert "127.0.0.1" not in hit.key
        assert client.post(FORM_URL, form_data(client)).status_code == 429


@pytest.mark.django_db
class TestList:
    def test_lists_only_resolved_public_suggestions(self, client):
        resolved(text="Chybí terénní program pro lidi bez domova.")
        resolved(text="Soukromý podnět o konkrétní rodině.", is_public=False)
        Suggestion.submit(text="Nový, zatím nevyřízený podnět.", name="Jan")
        Suggestion.submit(text="Podnět, který se řeší.", name="Jan", status=Suggestion.Status.IN_PROGRESS)
        Suggestion.submit(text="Podnět, který nebyl přijat.", name="Jan", status=Suggestion.Status.REJECTED,
                          resolution="Mimo působnost obce.", resolved_at=timezone.now())
        response = client.get(LIST_URL)
        text = page_text(response)
        assert response.status_code == 200
        assert "Chybí terénní program pro lidi bez domova." in text
        assert "Zařazeno do akčního plánu 2026 jako opatření 2.1." in text
        for hidden in ("Soukromý podnět", "Nový, zatím nevyřízený", "Podnět, který se řeší", "nebyl přijat"):
            assert hidden not in text

    def test_shows_number_dates_and_who_dealt_with_it_newest_first(self, client, group_a):
        received = timezone.make_aware(timezone.datetime(2025, 3, 4, 10))
        resolved(text="Starší podnět.", received_at=received, resolved_at=received + timedelta(days=30),
                 group=group_a)
        resolved(text="Novější podnět.", department="Odbor sociálních věcí")
        text = page_text(client.get(LIST_URL))
        assert '<th scope="row">1</th>' in text
        assert "4. 3. 2025" in text
        assert "3. 4. 2025" in text
        assert "Pracovní skupina Senioři" in text
        assert "Odbor sociálních věcí" in text
        assert text.index("Novější podnět.") < text.index("Starší podnět.")

    def test_shows_the_name_only_with_consent_and_never_the_email(self, client):
        resolved(name="Marie Dvořáková", publish_name=True, email="marie@example.cz")
        resolved(name="Petr Tajný", publish_name=False, commenter_type=CommenterType.PROVIDER,
                 email="petr@example.cz")
        text = page_text(client.get(LIST_URL))
        assert "Marie Dvořáková" in text
        assert "Petr Tajný" not in text
        assert str(CommenterType.PROVIDER.label) in text
        assert "@example.cz" not in text

    def test_links_to_the_form_and_says_when_nothing_is_resolved_yet(self, client):
        html = client.get(LIST_URL).content.decode()
        assert f'href="{FORM_URL}"' in html
        assert 'class="empty-state"' in html

    def test_the_comments_page_and_the_navigation_point_to_suggestions(self, client):
        html = client.get("/pripominky/").content.decode()
        assert html.count(f'href="{LIST_URL}"') == 2

    def test_query_count_does_not_grow_with_suggestions(self, client):
        group = GroupFactory()

        def add_suggestions(n):
            for i in range(n):
                resolved(group=group if i % 2 else None, department="" if i % 2 else "Odbor sociálních věcí",
                         publish_name=bool(i % 3))

        assert_queries_do_not_grow(lambda: client.get(LIST_URL), add_suggestions)
