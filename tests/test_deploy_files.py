"""The deployment files a platform team applies, checked as far as this machine allows (no cluster, no Docker)."""

from __future__ import annotations

import ast
import inspect
import re
import tomllib

import yaml

from kit import ROOT
from socialkit.hub import configure

DEPLOY = ROOT / "deploy"


def configure_calls(source: str) -> list[ast.Call]:
    """Every ``configure(…)`` call in a piece of Python."""
    return [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "configure"]


def assert_binds(call: ast.Call) -> None:
    """The call's keywords are ``configure``'s parameters, the required ones included."""
    signature = inspect.signature(configure)
    keywords = {k.arg: None for k in call.keywords}
    signature.bind(None, **keywords)  # raises TypeError on an unknown or missing parameter


def test_the_z2jh_values_are_yaml_with_a_postgres_hub_database_and_a_configure_call_that_binds():
    values = yaml.safe_load((DEPLOY / "kubernetes" / "values.yaml").read_text())
    assert values["hub"]["db"]["type"] == "postgres" and values["hub"]["db"]["url"].startswith("postgresql")
    assert not values["hub"]["db"]["password"], "no password in the file"
    (call,) = configure_calls(values["hub"]["extraConfig"]["socialkit"])
    assert_binds(call)
    assert values["singleuser"]["defaultUrl"].endswith("00_start_here.ipynb")
    assert (ROOT / values["singleuser"]["defaultUrl"].split("/lab/tree/")[1]).is_file()


def test_the_server_config_compiles_and_its_configure_call_binds():
    (call,) = configure_calls((DEPLOY / "jupyterhub" / "jupyterhub_config.py").read_text())
    assert_binds(call)


def test_the_dockerfiles_install_an_extra_that_exists():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for name in ("Dockerfile", "Dockerfile.hub"):
        text = (DEPLOY / "kubernetes" / name).read_text()
        asked = re.findall(r"/opt/socialkit\[(\w+)\]", text)
        assert asked and all(extra in extras for extra in asked), (name, asked)
        assert re.search(r"^FROM \S+:\S+$", text, re.M), "a pinned base image"


def test_a_wrong_call_is_caught_by_the_binding_check():
    call = configure_calls('configure(c, course="x", trainer=["a"], workspace="w")')[0]
    try:
        assert_binds(call)
    except TypeError:
        return
    raise AssertionError("a misspelt keyword (trainer=) must not bind")
