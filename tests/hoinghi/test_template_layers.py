"""Templates keep the floors too: no template loads the tag library of a higher app.

import-linter (``make lint``, pyproject ``[tool.importlinter]``) checks Python imports; a
``{% load %}`` is an import it cannot see. This test reads the same layers from pyproject.toml,
maps each template to its app (``templates/<app>/…``, ``templates/admin/<app>/…``,
``<app>/templates/…``; anything else is the kit's and may load only the kit's and third-party
libraries) and each library to the app that defines it (Django's own registry of libraries).
"""

import re
import tomllib
from pathlib import Path

from django.conf import settings
from django.template import engines

LOAD = re.compile(r"\{%\s*load\s+(.+?)\s*%\}")
KIT = "hoinghi"


def floors() -> dict[str, int]:
    """App -> floor number (0 = the kit), from the layers contract in pyproject.toml."""
    config = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    layers = list(reversed(contract["layers"]))
    return {app.strip(): number for number, layer in enumerate(layers) for app in layer.split("|")}


def template_app(relative: Path, apps: dict[str, int]) -> str:
    """The app a template belongs to, from its path under a templates directory."""
    parts = relative.parts
    if parts[0] == "admin" and len(parts) > 2 and parts[1] in apps:
        return parts[1]
    return parts[0] if len(parts) > 1 and parts[0] in apps else KIT


def loaded_libraries(text: str) -> list[str]:
    """Library names of every ``{% load a b %}`` (``{% load x from lib %}`` names ``lib``)."""
    names = []
    for found in LOAD.findall(text):
        words = found.split()
        names += [words[-1]] if "from" in words else words
    return names


def offences(templates: dict[str, tuple[str, str]], libraries: dict[str, str], apps: dict[str, int]) -> list[str]:
    """``templates``: name -> (app, text); ``libraries``: library name -> its module."""
    found = []
    for name, (app, text) in sorted(templates.items()):
        for library in loaded_libraries(text):
            owner = libraries.get(library, "").split(".")[0]
            if owner in apps and apps[owner] > apps[app]:
                found.append(f"{name} ({app}) loads {library} ({owner})")
    return found


def project_templates(apps: dict[str, int]) -> dict[str, tuple[str, str]]:
    base = Path(settings.BASE_DIR)
    roots = [(base / "templates", None)] + [(base / app / "templates", app) for app in apps]
    templates = {}
    for root, owner in roots:
        for path in root.rglob("*.html") if root.is_dir() else []:
            relative = path.relative_to(root)
            app = owner or template_app(relative, apps)
            templates[str(path.relative_to(base))] = (app, path.read_text(encoding="utf-8"))
    return templates


def test_no_template_loads_a_higher_apps_tags():
    apps = floors()
    libraries = engines["django"].engine.libraries  # library name -> module path, every installed app's

    assert libraries["nominations_tags"] == "nominations.templatetags.nominations_tags"
    assert offences(project_templates(apps), libraries, apps) == []


def test_the_floors_are_the_documented_ones():
    assert floors() == {
        "hoinghi": 0,
        "accounts": 1,
        "jobs": 1,
        "outbox": 1,
        "reference": 2,
        "nominations": 3,
        "movements": 3,
        "registry": 3,
        "awards": 4,
        "conference": 5,
        "api": 6,
    }


def test_a_lower_template_loading_a_higher_library_is_named():
    apps = floors()
    templates = {
        "templates/nominations/detail.html": ("nominations", "{% load i18n awards_tags %}"),
        "templates/base.html": (KIT, "{% load static %}{% load row from nominations_tags %}"),
        "templates/conference/hub.html": ("conference", "{% load awards_tags hoinghi_tags %}"),
    }
    libraries = {
        "awards_tags": "awards.templatetags.awards_tags",
        "nominations_tags": "nominations.templatetags.nominations_tags",
        "hoinghi_tags": "hoinghi.templatetags.hoinghi_tags",
        "static": "django.templatetags.static",
    }

    assert offences(templates, libraries, apps) == [
        "templates/base.html (hoinghi) loads nominations_tags (nominations)",
        "templates/nominations/detail.html (nominations) loads awards_tags (awards)",
    ]


def test_templates_are_mapped_to_their_app():
    apps = floors()

    assert template_app(Path("nominations/detail.html"), apps) == "nominations"
    assert template_app(Path("admin/awards/ballot/vote.html"), apps) == "awards"
    assert template_app(Path("admin/change_log.html"), apps) == KIT
    assert template_app(Path("base.html"), apps) == KIT
