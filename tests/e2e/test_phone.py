"""Phone widths (390 px and 320 px): tap targets of at least 44 x 44 px (header links, the wizard's step links and
radio buttons with their labels), no sideways scrolling, dispute page sections that fold and that the "on this
page" links open again, and the wizard's required marks following the chosen way of naming the company."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shoot, sign_in
from tests.e2e.test_accessibility import audit, report
from tests.factories import DEFAULT_PASSWORD
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 320)


def small_targets(page, selector: str) -> list[str]:
    """The visible elements of `selector` smaller than 44 x 44 px, described for the failure message."""
    found = page.locator(selector)
    assert found.count(), f"nothing matches {selector}"
    small = []
    for i in range(found.count()):
        box = found.nth(i).bounding_box()
        if box and (box["width"] < 44 or box["height"] < 44):
            small.append(f"{found.nth(i).inner_text()!r}: {box['width']:.0f}x{box['height']:.0f}")
    return small


def fits_width(page) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url} scrolls sideways at {width[1]} px: {width[0]} px wide"


def optional_shown(page, field: str) -> bool:
    return page.locator(f"label[for=id_{field}] .optional-mark").is_visible()


def check_required_marks(page) -> None:
    page.check("input[name=how][value=nib]")
    expect(page.locator("#id_nib")).to_have_attribute("aria-required", "true")
    assert not optional_shown(page, "nib")
    for field in ("name", "email", "address"):
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-required", "false")
        assert optional_shown(page, field), field
    page.check("input[name=how][value=name]")
    expect(page.locator("#id_nib")).to_have_attribute("aria-required", "false")
    assert optional_shown(page, "nib")
    for field in ("name", "email", "address"):
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-required", "true")
        assert not optional_shown(page, field), field
    page.check("input[name=how][value=nib]")
    assert not optional_shown(page, "nib") and optional_shown(page, "email")


def check_folding(page) -> None:
    fold = page.locator("details.fold:has(#filing-h)")
    expect(fold).to_have_attribute("open", "")
    expect(page.locator("#filing-h")).to_have_count(1)
    page.locator("summary:has(#filing-h)").click()
    expect(fold).not_to_have_attribute("open", "")
    expect(fold.locator("dl")).to_be_hidden()
    page.locator("summary:has(#filing-h)").click()  # unfolds again
    expect(fold.locator("dl")).to_be_visible()
    page.locator("summary:has(#filing-h)").click()
    page.click("#page-jump a[href='#filing-h']")  # the "on this page" link opens the folded section
    expect(fold).to_have_attribute("open", "")
    expect(fold.locator("dl")).to_be_visible()


def test_phone_tap_targets_width_folding_sections_and_required_marks(live_server_url, new_context):
    base = live_server_url
    cast = Cast()
    flow = Flow(cast)  # a draft: the wizard shows links to its other steps
    found: dict = {}
    for width in WIDTHS:
        page = new_context({"width": width, "height": 700}).new_page()
        sign_in(page, base, cast.worker.username, DEFAULT_PASSWORD)
        assert not small_targets(page, "header .nav a, header .nav button, header .brand, .lang select, .lang button")
        fits_width(page)

        page.goto(f"{base}/perselisihan/{flow.id}/isi/perusahaan/")
        assert not small_targets(page, ".steps a")
        assert not small_targets(page, "fieldset label:has(input[type=radio])")
        fits_width(page)
        check_required_marks(page)
        audit(page, f"wizard-{width}", found)
        shoot(page, f"phone-wizard-{width}")

        page.goto(f"{base}/perselisihan/{flow.id}/isi/jenis/")
        assert not small_targets(page, "fieldset label:has(input[type=radio])")
        fits_width(page)

        page.goto(f"{base}/perselisihan/{flow.id}/")
        fits_width(page)
        check_folding(page)
        audit(page, f"dispute-{width}", found)
        shoot(page, f"phone-dispute-{width}")

        page.goto(f"{base}/beranda/")
        page.locator("#lang-select").select_option("en")
        page.click(".lang button[type=submit]")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        fits_width(page)
        assert not small_targets(page, "header .nav a, header .nav button, .lang select, .lang button")
        page.context.close()
    assert not found, report(found)


def test_company_step_renders_the_marks_of_the_choice_it_was_given():
    """Without JavaScript (or after a failed save), the server renders the marks for the choice in the form."""
    from django.template.loader import render_to_string

    from disputes.forms import CompanyStepForm

    for data, required in (({"how": "name"}, {"name", "email", "address"}), ({"how": "nib"}, {"nib"}), (None, {"nib"})):
        form = CompanyStepForm(data=data)
        html = render_to_string("includes/form_fields.html", {"form": form})
        for name in CompanyStepForm.REQUIRED_WHEN:
            attrs = form.fields[name].widget.attrs
            assert attrs["aria-required"] == ("true" if name in required else "false"), (data, name)
            label = html.split(f'<label for="id_{name}">', 1)[1].split("</label>", 1)[0]
            assert ("hidden" in label) == (name in required), (data, name, label)
