"""A commenter's organisation is shown once, even when they gave it as their name too."""

from django.urls import reverse

from planning.models import Comment
from tests.helpers import page_text


def test_the_organisation_given_as_the_name_is_not_repeated(submit_comment):
    comment = submit_comment(name="Obec Kamenná", organisation="Obec Kamenná ", publish_name=True)
    assert comment.sender == "Obec Kamenná"
    assert comment.public_name == "Obec Kamenná"


def test_a_person_of_an_organisation_is_shown_with_it(submit_comment):
    comment = submit_comment(name="Josef Beneš", organisation="Obec Kamenná", publish_name=True)
    assert comment.public_name == "Josef Beneš, Obec Kamenná"
    assert submit_comment(name="Josef Beneš", organisation="Obec Kamenná").public_name == "veřejnost"


def test_the_coordinators_list_of_comments_names_the_organisation_once(submit_comment, client_as, coordinator,
                                                                      comment_round):
    submit_comment(name="Oblastní charita Lipovec", organisation="Oblastní charita Lipovec")
    text = page_text(client_as(coordinator).get(reverse("planning:round_comments", args=[comment_round.pk])))
    assert "Oblastní charita Lipovec" in text
    assert "Oblastní charita Lipovec, Oblastní charita Lipovec" not in text


def test_the_public_settlement_table_names_the_organisation_once(submit_comment, close_round, coordinator, client):
    comment = submit_comment(name="Obec Kamenná", organisation="Obec Kamenná", publish_name=True)
    round_ = close_round()
    comment.settle(coordinator, Comment.Outcome.ACCEPTED, "")
    round_.publish_settlement(coordinator)
    text = page_text(client.get(reverse("planning:settlement_table", args=[round_.pk])))
    assert "Obec Kamenná" in text
    assert "Obec Kamenná, Obec Kamenná" not in text
