"""The /cek-netralitas page with Django's test client: form, verdicts, errors, language, CSRF."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from posko.neutrality.engine.types import Target, Verdict
from posko.neutrality.views import outcome_for

pytestmark = pytest.mark.django_db

PARTISAN = "Ayo dukung paslon nomor 3, coblos Pramono-Rano! #JakartaMenyala"
CIVIC = "Ayo datang ke TPS 27 November, gunakan hak pilihmu, tolak politik uang! #PilkadaDamai"


@pytest.fixture
def url() -> str:
    return reverse("neutrality:self_check")


def submit(client: Client, url: str, **overrides: str) -> Any:
    """POST the form with sensible defaults."""
    data = {"text": PARTISAN, "action": "share", "asn": "yes", "region": ""}
    data.update(overrides)
    return client.post(url, data)


def test_get_shows_the_form_with_labels_and_privacy_note(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert url == "/cek-netralitas"
    assert '<label for="id_text">' in html
    for label in ("Suka", "Komentar", "Bagikan", "Ikuti akun", "Gabung grup", "Hanya melihat"):
        assert label in html
    assert "Teks Anda tidak disimpan" in html
    assert 'value="yes" id="id_asn_0" required checked' in html  # ASN is the default
    assert "style=" not in html and "<script" not in html


def test_partisan_share_is_a_violation_with_rule_and_citation(client: Client, url: str) -> None:
    response = submit(client, url)
    assert response.status_code == 200
    html = response.content.decode()
    verdict = response.context["verdict"]
    assert verdict.violation
    assert "Jangan lakukan: melanggar netralitas ASN" in html
    assert verdict.citation in html
    assert verdict.sanction in html
    assert PARTISAN in html  # the form keeps what was typed so it can be edited


def test_civic_like_is_allowed(client: Client, url: str) -> None:
    response = submit(client, url, text=CIVIC, action="like")
    assert not response.context["verdict"].violation
    assert "Boleh: konten netral/sipil" in response.content.decode()


def test_a_pasted_link_to_a_candidates_account_is_read_as_that_account(
    client: Client, url: str
) -> None:
    from posko.core.demo import load_demo_data

    for _line in load_demo_data():
        pass
    response = submit(client, url, text="https://www.instagram.com/ridwankamil/", action="follow")
    verdict = response.context["verdict"]
    assert verdict.violation and verdict.content_class == "partisan"
    assert [t.candidate for t in verdict.targets] == ["Ridwan Kamil"]


def test_viewing_and_non_asn_are_allowed(client: Client, url: str) -> None:
    assert not submit(client, url, action="view").context["verdict"].violation
    assert not submit(client, url, asn="no").context["verdict"].violation


def test_region_name_is_resolved_to_a_code(client: Client, url: str) -> None:
    response = submit(client, url, region="Jakarta Pusat")
    assert response.context["region"].code == "31.71"
    assert "31.71" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": "   "}, "text", "Tempel dulu teks unggahan"),
        ({"text": "a" * 20_001}, "text", "Teks terlalu panjang"),
        ({"action": "retweet"}, "action", "Tindakan tidak dikenal"),
        ({"action": ""}, "action", "Pilih apa yang ingin Anda lakukan"),
        ({"region": "Atlantis Raya Timur"}, "region", "Daerah tidak dikenal"),
        # a link to a post cannot be read: Posko does not open links
        ({"text": "https://www.instagram.com/p/C0abc123/"}, "text", "Posko tidak membuka tautan"),
    ],
)
def test_errors_are_shown_next_to_the_field(
    client: Client, url: str, overrides: dict[str, str], field: str, message: str
) -> None:
    response = submit(client, url, **overrides)
    assert response.status_code == 200
    assert "verdict" not in response.context
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert 'aria-invalid="true"' in html or field == "action"


def test_english_via_the_language_switcher(client: Client, url: str) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": url}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == url
    assert '<html lang="en">' in html
    assert "Check ASN neutrality" in html
    assert "What do you want to do?" in html
    assert "Your text is not stored" in html
    assert "Tempel" not in html
    html = submit(client, url, text="").content.decode()
    assert "Paste the text of the post you want to check first." in html
    html = submit(client, url, text=CIVIC, action="like").content.decode()
    assert "Allowed: neutral/civic content" in html


def test_csrf_is_enforced(url: str) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url, {"text": PARTISAN, "action": "share", "asn": "yes"}).status_code == 403
    page = strict.get(url)
    token = page.context["csrf_token"]
    response = strict.post(
        url, {"text": PARTISAN, "action": "share", "asn": "yes", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200 and "verdict" in response.context


def test_security_headers_allow_no_inline_code(client: Client, url: str) -> None:
    csp = client.get(url)["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp


def test_targets_of_the_demo_registry_are_named(client: Client, url: str) -> None:
    from posko.core.demo import load_demo_data

    for _line in load_demo_data():
        pass
    response = submit(client, url, region="31")
    assert any(t.number == 3 for t in response.context["verdict"].targets)
    # the pair and its race, not a bare region code
    html = response.content.decode()
    assert "Nomor urut 3: Pramono Anung–Rano Karno" in html
    assert "(Pilgub Daerah Khusus Ibukota Jakarta)" in html


def make_verdict(**overrides: Any) -> Verdict:
    """A verdict with harmless defaults."""
    fields: dict[str, Any] = {
        "id": "v",
        "violation": False,
        "content_class": "civic",
        "targets": (Target(3, "Pramono Anung", "31"),),
        "rule_id": "R",
        "citation": "C",
        "sanction": "",
        "explanation": "E",
        "confidence": 0.9,
    }
    fields.update(overrides)
    return Verdict(**fields)


@pytest.mark.parametrize(
    ("overrides", "kind", "headline"),
    [
        ({"violation": True, "content_class": "partisan"}, "violation", "Jangan lakukan"),
        ({"violation": True, "confidence": 0.3}, "review", "Perlu penilaian PPK/BKN"),
        ({"needs_human_review": True}, "review", "Perlu penilaian PPK/BKN"),
        ({"content_class": "partisan"}, "allowed", "Boleh: tindakan ini tidak melanggar"),
        ({"content_class": "non_political"}, "allowed", "Boleh: konten netral/sipil"),
    ],
)
def test_outcome_headlines(overrides: dict[str, Any], kind: str, headline: str) -> None:
    outcome = outcome_for(make_verdict(**overrides))
    assert outcome.kind == kind
    with translation.override("id"):
        assert str(outcome.headline).startswith(headline)
