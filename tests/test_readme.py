"""The README's set-up command works as written on a fresh clone: the demo answers on the
chosen port and the link in its welcome mail opens the attendee's page."""

import os
import re
import shutil
import subprocess

from matchmaker import PROJECT_DIR
from tests.support.postgres import free_port
from tests.test_demo import sign_up_and_read_link, wait_for_page

README = PROJECT_DIR / "README.md"
FIRST_TIME_SECONDS = 300  # creating the venv and installing on a fresh clone


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


def test_readme_holds_one_command_to_run_the_demo_and_one_to_test():
    demo, tests = (block.strip() for block in shell_blocks(README.read_text())[:2])
    assert demo == "bash scripts/demo.sh" and tests == "bash tests/run.sh"
    assert "bash tests/run.sh" in (PROJECT_DIR / ".ci/run").read_text()


def test_readme_demo_command_works_in_a_fresh_clone(tmp_path):
    if shutil.which("git") is None or not (PROJECT_DIR / ".git").exists():
        from tests.conftest import cannot_run
        cannot_run("the README test clones the repository with git")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{PROJECT_DIR}", str(clone)],
                   check=True)
    command = shell_blocks(README.read_text())[0].strip()
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("MATCHMAKER_", "VIRTUAL_ENV")) and key != "DATABASE_URL"}
    env["PATH"] = os.pathsep.join(part for part in env["PATH"].split(os.pathsep)
                                  if not part.startswith(str(PROJECT_DIR)))
    with subprocess.Popen(f"{command} --port {port} --attendees 20", shell=True, cwd=clone,
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          start_new_session=True) as server:
        try:
            page = wait_for_page(f"http://127.0.0.1:{port}/", seconds=FIRST_TIME_SECONDS)
            assert "go-cluster Jahrestagung 2027" in page
            link = sign_up_and_read_link(f"http://127.0.0.1:{port}/go-cluster-2027/register",
                                         clone / "instance" / "outbox")
            assert link.startswith(f"http://127.0.0.1:{port}/me/")
            assert "Demo Person" in wait_for_page(link)
        finally:
            os.killpg(server.pid, 15)
