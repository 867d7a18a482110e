"""Reference pages generated from the code, so the docs cannot drift from it.

``reference()`` walks the typer app (every verb, and the sub-verbs of groups
such as ``eval``) and renders docs/cli.md: each verb's usage line, help text
and a table of its arguments and options. ``settings_table()`` renders the
table of ``newsgraph.settings.SETTINGS`` that docs/settings.md holds between
``<!-- settings:start -->`` and ``<!-- settings:end -->``.
``tests/test_docs.py`` compares both with the files; ``make docs`` rewrites
them::

    python -m newsgraph.cli.reference > docs/cli.md
    python -m newsgraph.cli.reference --settings docs/settings.md

The output depends on the code only (not on the terminal, the environment or
the machine), so it is the same wherever it is generated.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import typer
import typer.main
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from newsgraph.settings import SETTINGS

__all__ = [
    "SETTINGS_END",
    "SETTINGS_START",
    "Verb",
    "reference",
    "replace_settings_table",
    "settings_block",
    "settings_table",
    "verbs",
]

SETTINGS_START = "<!-- settings:start -->"
SETTINGS_END = "<!-- settings:end -->"
PROG = "newsgraph"

# Python type names as a user reads them.
_TYPE_WORDS = {"str": "text", "int": "integer", "float": "number", "bool": "flag"}


@dataclass(frozen=True)
class Verb:
    """One command of the app: its words (``("eval", "ner")``) and its command."""

    words: tuple[str, ...]
    command: TyperCommand | TyperGroup
    context: typer.Context

    @property
    def name(self) -> str:
        """The command as typed: ``newsgraph eval ner``."""
        return " ".join((PROG, *self.words))


def _app() -> TyperGroup:
    from newsgraph.cli.app import app  # importing newsgraph.cli registers every verb

    root = typer.main.get_command(app)
    if not isinstance(root, TyperGroup):  # pragma: no cover - the app has many verbs
        raise TypeError("the newsgraph app is expected to be a group of verbs")
    return root


def _walk(group: TyperGroup, words: tuple[str, ...], parent: typer.Context) -> Iterator[Verb]:
    for name in sorted(group.commands):
        command = group.commands[name]
        if not isinstance(command, TyperCommand | TyperGroup) or command.hidden:
            continue
        context = typer.Context(command, info_name=name, parent=parent)
        verb = Verb((*words, name), command, context)
        yield verb
        if isinstance(command, TyperGroup):
            yield from _walk(command, verb.words, context)


def verbs() -> list[Verb]:
    """Every visible verb and sub-verb of the app, groups before their
    sub-verbs, in alphabetical order."""
    root = _app()
    return list(_walk(root, (), typer.Context(root, info_name=PROG)))


def _cell(text: str) -> str:
    """Text fit for a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    return f"`{text}`"


def _range(param: TyperArgument | TyperOption) -> str:
    low, high = param.min, param.max
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f">= {low}"
    if high is not None:
        return f"<= {high}"
    return ""


def _type(param: TyperArgument | TyperOption, context: typer.Context) -> str:
    """What the value is: the choices, or a type name a user reads."""
    descriptor = param.type_descriptor
    if descriptor.is_choice and descriptor.choices:
        values = (c.value if isinstance(c, Enum) else c for c in descriptor.choices)
        return ", ".join(_code(str(v)) for v in values)
    if isinstance(param, TyperOption) and param.is_flag:
        return "flag"
    if param.metavar and not isinstance(param, TyperArgument):
        return _code(param.metavar)
    label = param.display_type(context).strip("<>")
    label = re.sub(r"\blist\[(\w+)\]", r"\1", label)
    if descriptor.is_ranged:
        label = label.removesuffix(" range")
    label = _TYPE_WORDS.get(label, label)
    bounds = _range(param)
    return f"{label} ({bounds})" if bounds else label


def _default(param: TyperArgument | TyperOption, context: typer.Context) -> str:
    if param.required:
        return "required"
    if isinstance(param.show_default, str):
        return param.show_default
    if param.show_default is False:
        return ""
    value = param.get_default(context, call=False)
    if callable(value):
        return "(computed)"
    if isinstance(param, TyperOption) and param.is_flag:
        if param.secondary_opts:  # --analyse/--no-analyse: name the one that is on
            return _code(param.opts[0] if value else param.secondary_opts[0])
        return ""
    if value is None or value == [] or value == ():
        return ""
    if isinstance(value, Enum):
        value = value.value
    return _code(str(value))


def _argument_name(param: TyperArgument) -> str:
    """``PATH...``: the metavar (else the name in capitals), ``...`` when it
    takes several values."""
    name = param.metavar or (param.name or "").upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def _names(param: TyperArgument | TyperOption) -> str:
    if isinstance(param, TyperArgument):
        return _code(_argument_name(param))
    names = ", ".join(_code(o) for o in param.opts)
    if param.secondary_opts:
        names += " / " + ", ".join(_code(o) for o in param.secondary_opts)
    return names


def _help(param: TyperArgument | TyperOption) -> str:
    text = param.help or ""
    envvar = param.envvar
    if envvar:
        shown = envvar if isinstance(envvar, str) else ", ".join(envvar)
        text += f" (environment: {_code(shown)})"
    return text


def _params(verb: Verb) -> list[TyperArgument | TyperOption]:
    shown: list[TyperArgument | TyperOption] = []
    for param in verb.command.params:
        if not isinstance(param, TyperArgument | TyperOption) or param.hidden:
            continue
        if isinstance(param, TyperOption) and "--help" in param.opts:
            continue
        shown.append(param)
    arguments = [p for p in shown if isinstance(p, TyperArgument)]
    return arguments + [p for p in shown if isinstance(p, TyperOption)]


def _table(params: Sequence[TyperArgument | TyperOption], context: typer.Context) -> list[str]:
    lines = [
        "| name | type | default | help |",
        "|---|---|---|---|",
    ]
    for param in params:
        cells = (
            _names(param),
            _type(param, context),
            _default(param, context),
            _help(param),
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def _usage(verb: Verb) -> str:
    pieces = [verb.name]
    params = _params(verb)
    if any(isinstance(p, TyperOption) for p in params):
        pieces.append("[OPTIONS]")
    for param in params:
        if isinstance(param, TyperArgument):
            name = _argument_name(param)
            optional = not param.required and not name.startswith("[")
            pieces.append(f"[{name}]" if optional else name)
    if isinstance(verb.command, TyperGroup):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def _description(command: TyperCommand | TyperGroup) -> list[str]:
    text = (command.help or "").split("\f")[0].replace("\b\n", "")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return [p for p in paragraphs if p]


def _anchor(title: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^a-z0-9 _-]", "", title.lower()).replace(" ", "-")


def reference() -> str:
    """docs/cli.md: every verb's usage line, help and options, as Markdown."""
    root = _app()
    root_context = typer.Context(root, info_name=PROG)
    all_verbs = verbs()
    lines = [
        "# Command-line reference",
        "",
        "<!-- Generated from the typer app by `make docs` "
        "(src/newsgraph/cli/reference.py): do not edit by hand. -->",
        "",
        *_description(root)[:1],
        "",
        "Every verb also takes `--help`. Options shared by every verb go before it "
        "(`newsgraph -v ingest ...`). Settings that have an environment variable are "
        "listed in [settings.md](settings.md).",
        "",
    ]
    for verb in all_verbs:
        summary = (_description(verb.command) or [""])[0]
        indent = "  " * (len(verb.words) - 1)
        lines.append(f"{indent}- [`{verb.name}`](#{_anchor(verb.name)}) — {summary}")
    global_options = _params(Verb((), root, root_context))
    if global_options:
        lines += ["", "## Global options", "", *_table(global_options, root_context)]
    for verb in all_verbs:
        lines += ["", f"## {verb.name}", "", "```", _usage(verb), "```", ""]
        for paragraph in _description(verb.command):
            lines += [paragraph, ""]
        if isinstance(verb.command, TyperGroup):
            for sub in all_verbs:
                if sub.words[:-1] == verb.words:
                    lines.append(f"- [`{sub.name}`](#{_anchor(sub.name)})")
            lines.append("")
        params = _params(verb)
        if params:
            lines += [*_table(params, verb.context), ""]
        while lines[-1] == "":
            lines.pop()
    return "\n".join(lines) + "\n"


def settings_table() -> str:
    """The Markdown table of every setting: name, environment variable,
    default and help (what docs/settings.md holds between its markers)."""
    lines = [
        "| setting | environment variable | default | what it does |",
        "|---|---|---|---|",
    ]
    for setting in SETTINGS.values():
        default = _code(setting.default) if setting.default is not None else "(none)"
        cells = (_code(setting.name), _code(setting.env), default, setting.help)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _settings_block(page: str) -> tuple[int, int]:
    start = page.find(SETTINGS_START)
    end = page.find(SETTINGS_END)
    if start < 0 or end < start:
        raise ValueError(f"no {SETTINGS_START} ... {SETTINGS_END} block")
    return start + len(SETTINGS_START), end


def settings_block(page: str) -> str:
    """What ``page`` holds between the settings markers, without the blank
    lines around it."""
    start, end = _settings_block(page)
    return page[start:end].strip("\n") + "\n"


def replace_settings_table(page: str) -> str:
    """``page`` with the block between the settings markers replaced by
    ``settings_table()``."""
    start, end = _settings_block(page)
    return page[:start] + "\n" + settings_table() + page[end:]


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m newsgraph.cli.reference [--settings PAGE]``."""
    parser = argparse.ArgumentParser(
        prog="python -m newsgraph.cli.reference",
        description="Print the command-line reference (docs/cli.md) as Markdown, or "
        "rewrite the settings table of a page.",
    )
    parser.add_argument(
        "--settings",
        metavar="PAGE",
        type=Path,
        help="rewrite the table between the settings markers of PAGE (docs/settings.md)",
    )
    args = parser.parse_args(argv)
    if args.settings is None:
        sys.stdout.write(reference())
        return
    page: Path = args.settings
    try:
        updated = replace_settings_table(page.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        parser.exit(2, f"newsgraph: error: {page}: {exc}\n")
    page.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    main()
