"""The distribution's name is not the unrelated "matchmaker" of the package index, so
`pip install -U` or a resolver can never fetch that project instead of this one."""

import tomllib

from matchmaker import PROJECT_DIR


def test_distribution_name_is_our_own():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())["project"]
    assert project["name"] == "conference-matchmaker"
    assert project["scripts"]["matchmaker"] == "matchmaker.cli:main"
