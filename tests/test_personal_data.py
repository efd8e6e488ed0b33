"""GDPR: personal data is removed after the retention period, and can be exported for its owner."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kpss.submissions import SubmitterType as CommenterType
from planning.models import Comment, CommentRound, Suggestion
from tests.factories import MembershipFactory, UserFactory
from tests.helpers import count_queries

RETENTION_DAYS = 365


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = RETENTION_DAYS


@pytest.fixture
def version(plan, coordinator):
    return plan.transition("open_for_comments", coordinator)


def make_round(version, closed_days_ago, title="Připomínkování plánu 2025–2027"):
    closes_at = timezone.now() - timedelta(days=closed_days_ago)
    return CommentRound.objects.create(version=version, title=title, opens_at=closes_at - timedelta(days=30),
                                       closes_at=closes_at)


@pytest.fixture
def old_round(version):
    return make_round(version, RETENTION_DAYS + 10)


@pytest.fixture
def recent_round(version):
    return make_round(version, 10, title="Nedávné připomínkování")


def make_comment(round_, **fields):
    number = round_.comments.count() + 1
    return Comment.objects.create(**{
        "round": round_, "number": number, "text": "Doplňte prosím odlehčovací službu.",
        "proposed_wording": "Rozšířit odlehčovací službu o 5 lůžek.", "name": "Marie Dvořáková",
        "organisation": "Spolek pečujících", "email": "marie@example.cz", "publish_name": True, "ip_hash": "a1b2",
        "outcome": Comment.Outcome.PARTLY_ACCEPTED, "justification": "Kapacita bude rozšířena o 3 lůžka.",
        **fields,
    })


def make_suggestion(days_ago, status=Suggestion.Status.NEW, resolved_days_ago=None, **fields):
    now = timezone.now()
    return Suggestion.submit(**{
        "text": "Chybí nízkoprahové zařízení pro děti a mládež.", "name": "Petr Svoboda",
        "organisation": "Rodiče z Lipovce", "email": "petr@example.cz", "publish_name": True, "ip_hash": "c3d4",
        "received_at": now - timedelta(days=days_ago), "status": status,
        "resolved_at": None if resolved_days_ago is None else now - timedelta(days=resolved_days_ago),
        **fields,
    })


def anonymise(*args):
    out = StringIO()
    call_command("anonymise_personal_data", *args, stdout=out)
    return out.getvalue()


def assert_anonymised(obj):
    obj.refresh_from_db()
    assert obj.name == "(odstraněno)"
    assert (obj.organisation, obj.email, obj.ip_hash) == ("", "", "")
    assert obj.publish_name is False
    assert obj.anonymised_at is not None


def assert_kept(obj, name):
    obj.refresh_from_db()
    assert obj.name == name
    assert obj.email
    assert obj.ip_hash
    assert obj.anonymised_at is None


class TestAnonymise:
    def test_removes_personal_data_of_comments_in_rounds_closed_before_the_retention_period(
        self, old_round, recent_round,
    ):
        old = make_comment(old_round)
        recent = make_comment(recent_round)
        output = anonymise()
        assert_anonymised(old)
        assert old.is_redacted
        assert old.revision == 2
        assert_kept(recent, "Marie Dvořáková")
        assert "1 comments" in output

    def test_keeps_the_text_and_the_settlement(self, old_round):
        comment = make_comment(old_round)
        anonymise()
        comment.refresh_from_db()
        assert comment.text == "Doplňte prosím odlehčovací službu."
        assert comment.proposed_wording == "Rozšířit odlehčovací službu o 5 lůžek."
        assert comment.outcome == Comment.Outcome.PARTLY_ACCEPTED
        assert comment.justification == "Kapacita bude rozšířena o 3 lůžka."
        assert comment.public_name == comment.get_commenter_type_display()

    def test_suggestions_count_from_when_they_were_dealt_with_or_received(self, db):
        cases = {
            "resolved long ago": (make_suggestion(800, Suggestion.Status.RESOLVED, 400, resolution="Vyřešeno."), True),
            "resolved lately": (make_suggestion(800, Suggestion.Status.RESOLVED, 30, resolution="Vyřešeno."), False),
            "rejected, no date": (make_suggestion(400, Suggestion.Status.REJECTED), True),
            "rejected lately": (make_suggestion(400, Suggestion.Status.REJECTED, 5), False),
            "open, received long ago": (make_suggestion(400, Suggestion.Status.IN_PROGRESS), True),
            "new": (make_suggestion(30), False),
        }
        output = anonymise()
        for label, (suggestion, expired) in cases.items():
            suggestion.refresh_from_db()
            assert (suggestion.anonymised_at is not None) == expired, label
            if expired:
                assert_anonymised(suggestion)
                assert suggestion.text == "Chybí nízkoprahové zařízení pro děti a mládež.", label
            else:
                assert_kept(suggestion, "Petr Svoboda")
        resolved = cases["resolved long ago"][0]
        assert resolved.resolution == "Vyřešeno."
        assert resolved.status == Suggestion.Status.RESOLVED
        assert "3 suggestions" in output

    def test_days_overrides_the_setting(self, recent_round):
        comment = make_comment(recent_round)
        anonymise("--days", "5")
        assert_anonymised(comment)

    def test_dry_run_counts_and_changes_nothing(self, old_round):
        comment = make_comment(old_round)
        make_suggestion(400)
        output = anonymise("--dry-run")
        assert "1 comments and 1 suggestions" in output
        assert_kept(comment, "Marie Dvořáková")
        assert Suggestion.objects.filter(anonymised_at=None).count() == 1

    def test_a_second_run_changes_nothing(self, old_round):
        comment = make_comment(old_round)
        anonymise()
        comment.refresh_from_db()
        first = comment.anonymised_at, comment.revision
        output = anonymise()
        comment.refresh_from_db()
        assert (comment.anonymised_at, comment.revision) == first
        assert "0 comments and 0 suggestions" in output

    def test_runs_the_same_number_of_queries_for_many_rows(self, old_round, recent_round):
        def add_rows(n):
            for _ in range(n):
                make_comment(old_round)
                make_comment(recent_round)
                make_suggestion(400)

        anonymise()  # warm up: the site settings (whose country names the language) are created on first use
        add_rows(2)
        with_few = count_queries(anonymise)
        add_rows(20)
        assert count_queries(anonymise) == with_few


class TestExport:
    def export(self, email, *args):
        out = StringIO()
        call_command("export_personal_data", email, *args, stdout=out, stderr=StringIO())
        return out.getvalue()

    def test_exports_comments_and_suggestions_by_email_in_any_letter_case(self, old_round):
        first = make_comment(old_round, email="Marie.Dvorakova@Example.cz", ip_hash="secret")
        make_comment(old_round, email="jiny@example.cz", name="Jiný člověk")
        make_suggestion(10, email="marie.dvorakova@example.cz", name="Marie Dvořáková",
                        status=Suggestion.Status.RESOLVED, resolution="Zařazeno do akčního plánu.")
        output = self.export("MARIE.DVORAKOVA@example.cz")
        data = json.loads(output)
        assert "Marie Dvořáková" in output  # not escaped to \u0159
        [comment] = data["comments"]
        assert comment["round"] == "Připomínkování plánu 2025–2027"
        assert comment["reference"] == f"{old_round.pk}/001"
        assert comment["name"] == "Marie Dvořáková"
        assert comment["organisation"] == "Spolek pečujících"
        assert comment["text"] == "Doplňte prosím odlehčovací službu."
        assert comment["proposed_wording"] == "Rozšířit odlehčovací službu o 5 lůžek."
        assert comment["justification"] == "Kapacita bude rozšířena o 3 lůžka."
        assert comment["name_published"] is True
        assert comment["outcome"] == str(Comment.Outcome.PARTLY_ACCEPTED.label)
        assert comment["commenter_type"] == str(CommenterType.PUBLIC.label)
        assert timezone.datetime.fromisoformat(comment["received_at"]) == first.received_at
        [suggestion] = data["suggestions"]
        assert suggestion["number"] == 1
        assert suggestion["resolution"] == "Zařazeno do akčního plánu."
        assert suggestion["status"] == str(Suggestion.Status.RESOLVED.label)
        assert data["user_accounts"] == []
        assert "Jiný člověk" not in output
        assert "secret" not in output  # the IP hash identifies no one to its owner

    def test_exports_the_user_account_with_memberships(self, group_a, steering_group):
        user = UserFactory(username="novakova", first_name="Eva", last_name="Nováková", email="eva@lipovec.example")
        MembershipFactory(user=user, group=group_a, organisation="Charita Lipovec", publish_name=True)
        MembershipFactory(user=user, group=steering_group)
        data = json.loads(self.export("Eva@Lipovec.example"))
        [account] = data["user_accounts"]
        assert (account["username"], account["first_name"], account["last_name"]) == ("novakova", "Eva", "Nováková")
        groups = {membership["group"]: membership for membership in account["memberships"]}
        assert set(groups) == {"Pracovní skupina Senioři", "Řídící skupina"}
        assert groups["Pracovní skupina Senioři"]["organisation"] == "Charita Lipovec"
        assert groups["Pracovní skupina Senioři"]["name_published"] is True

    def test_writes_utf8_to_a_file(self, old_round, tmp_path):
        make_comment(old_round)
        target = tmp_path / "export.json"
        assert self.export("marie@example.cz", "--output", str(target)) == ""
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["comments"][0]["name"] == "Marie Dvořáková"
        assert "Dvořáková" in target.read_text(encoding="utf-8")

    def test_an_unknown_address_gives_empty_lists(self, db):
        data = json.loads(self.export("nikdo@example.cz"))
        assert (data["comments"], data["suggestions"], data["user_accounts"]) == ([], [], [])
