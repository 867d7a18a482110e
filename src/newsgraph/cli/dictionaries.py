"""`newsgraph dictionaries`: download the public PETRARCH-2 / Phoenix
event-coding dictionaries, and check a folder of PETRARCH / TABARI
dictionaries (what it holds, every malformed line).

Nothing heavy is imported at the top: ``newsgraph --help`` loads this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.options import EXIT_SOME_FAILED, fail
from newsgraph.errors import NewsgraphError

DirArg = Annotated[
    Path,
    typer.Argument(
        help="A folder of PETRARCH/TABARI dictionaries (*.actors.txt, *agents*.txt, "
        "CAMEO*.txt, *discards*.txt).",
        metavar="DIR",
        show_default=False,
    ),
]


def dictionaries_fetch(
    directory: Annotated[
        Path,
        typer.Argument(
            help="Folder to download into (created if need be).",
            file_okay=False,
            metavar="DIR",
            show_default=False,
        ),
    ],
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="Root of the openeventdata/petrarch2 repository at the pinned commit, or of "
            "a mirror with the same layout (default: raw.githubusercontent.com).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Download the public PETRARCH-2 / Phoenix dictionaries, checked against pinned SHA-256s.

    The six dictionary files and their MIT licence come from one pinned commit of
    openeventdata/petrarch2. Files already present with the right checksum are kept; a
    download that fails or does not match is removed and reported (exit status 2).
    """
    from newsgraph.dictionaries.fetch import BASE_URL, fetch_dictionaries

    def show(path: Path, downloaded: bool) -> None:
        state = "downloaded" if downloaded else "already present"
        typer.echo(f"{path.name}: {state} ({path.stat().st_size:,} bytes)")

    try:
        fetch_dictionaries(directory, base_url=base_url or BASE_URL, progress=show)
    except NewsgraphError as exc:
        fail(exc)


def dictionaries_check(directory: DirArg) -> None:
    """Read a folder of PETRARCH/TABARI dictionaries: what it holds, every malformed line.

    Malformed lines are skipped when the folder is read; each is printed as FILE:LINE: what
    is wrong.

    Exit status 0 when the folder was read (even with malformed lines), 1 when it is not
    a folder of dictionaries.
    """
    from newsgraph.dictionaries.reader import find_dictionary_files, load_dictionaries

    try:
        files = find_dictionary_files(directory)
        loaded = load_dictionaries(directory)
    except NewsgraphError as exc:
        fail(exc, EXIT_SOME_FAILED)
    for role, paths in files.items():
        for path in paths:
            typer.echo(f"{role} file: {path.name}")
    words = sum(len(members) for members in loaded.synsets.values())
    typer.echo(f"actors: {loaded.actor_entries:,} entries, {len(loaded.actors):,} phrases")
    typer.echo(f"agents: {len(loaded.agents):,} phrases")
    typer.echo(f"verb patterns: {len(loaded.verbs):,}")
    typer.echo(f"synsets: {len(loaded.synsets):,} ({words:,} words)")
    typer.echo(f"discards: {len(loaded.discards):,}")
    typer.echo(f"problems: {len(loaded.problems):,}")
    for problem in loaded.problems:
        typer.echo(f"  {problem}")
