"""The honeypot in a real Chromium: out of sight, out of the tab order, unnamed for
assistive technology, so no person lands in it."""

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
HONEYPOT_LABEL = "Dieses Feld bitte leer lassen"


def test_tabbing_through_the_sign_up_form_never_reaches_the_honeypot(page: Page):
    page.goto("/go-cluster-2027/register")
    focused = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        focused.add(page.evaluate("document.activeElement.name || document.activeElement.id"))
    assert "first_name" in focused and "website" not in focused


def test_honeypot_is_not_in_the_accessibility_tree(page: Page):
    page.goto("/go-cluster-2027/register")
    assert page.get_by_role("textbox", name=HONEYPOT_LABEL).count() == 0


def test_honeypot_is_outside_the_visible_page(page: Page):
    page.goto("/go-cluster-2027/register")
    box = page.locator("#website").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0
