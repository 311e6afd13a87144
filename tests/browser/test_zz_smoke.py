import pytest
from tests.support.browser import accessibility_violations, horizontal_overflow

@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/register", "/privacy", "/register/done"])
def test_smoke(page, phone_page, path):
    out = []
    for p, name in ((page, "desk"), (phone_page, "phone")):
        p.goto(path)
        out.append((name, path, horizontal_overflow(p), accessibility_violations(p)))
        p.screenshot(path=f"/tmp/mm/{name}{path.replace('/', '_')}.png", full_page=True)
    print(out)
    p = page
    p.goto("/register")
    p.get_by_role("button", name="Sign up").click()
    print("errors", accessibility_violations(p))
    p.screenshot(path="/tmp/mm/desk_errors.png", full_page=True)
