"""``tenets review``: the reviewers' web page, their accounts, and gold export.

    tenets review serve [--host 127.0.0.1] [--port 8765] [--out out]
    tenets review add-user NAME [--password-stdin] [--replace]
    tenets review export DIR [--out out] [--include-in-review]
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import Annotated

import typer

review_cli = typer.Typer(help="Review extractions in the browser; export reviewed records as gold.",
                         no_args_is_help=True, add_completion=False)

OutOption = Annotated[Path, typer.Option("--out", "-o", help="The out/ folder of a run.")]


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@review_cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; other than 127.0.0.1 exposes the page.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8765,
    out: OutOption = Path("out"),
) -> None:
    """Serve the review page for the records in OUT."""
    import uvicorn

    from pipeline.review_app.app import create_app
    from pipeline.settings import get_settings

    settings = get_settings()
    app = create_app(settings, out)
    if not app.state.ctx.accounts.names():
        typer.echo("note: no reviewer accounts yet; create one with `tenets review add-user NAME`", err=True)
    if not _is_loopback(host):
        typer.echo(f"warning: binding to {host} makes the page reachable from other machines; "
                   "serve it behind HTTPS", err=True)
        # The Host allow-list answers only the names it lists (DNS rebinding).
        typer.echo("note: the page answers only to the host names in TENETS_REVIEW_ALLOWED_HOSTS "
                   f"(now {', '.join(settings.review_allowed_hosts)}); add the name reviewers will use",
                   err=True)
    typer.echo(f"Review page: http://{host}:{port}/  (records: {out}/records, corrections: "
               f"{settings.corrections_dir}/)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@review_cli.command("add-user")
def add_user(
    name: Annotated[str, typer.Argument(help="The reviewer's name, as it appears in the corrections.")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    replace: Annotated[bool, typer.Option("--replace", help="Reset an existing reviewer's password and token.")] = False,
) -> None:
    """Create a reviewer account and print its API token."""
    from pipeline.review_app.accounts import AccountError, Accounts
    from pipeline.settings import get_settings

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    settings = get_settings()
    try:
        token = Accounts(settings.reviewers_file).add(name, password, replace=replace)
    except AccountError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"reviewer {name} saved in {settings.reviewers_file}; API token (shown once):", err=True)
    typer.echo(token)


@review_cli.command()
def export(
    directory: Annotated[Path, typer.Argument(help="Folder for the gold files.")],
    out: OutOption = Path("out"),
    include_in_review: Annotated[bool, typer.Option(
        "--include-in-review", help="Also documents not fully reviewed yet.")] = False,
) -> None:
    """Write reviewed records as gold files that `tenets eval` reads."""
    from pipeline.review_app.documents import DocumentStore
    from pipeline.review_app.gold import export_gold
    from pipeline.settings import get_settings

    store = DocumentStore(out, get_settings().corrections_dir)
    if not store.ids():
        typer.echo(f"error: no records in {out}/records; run `tenets run` first", err=True)
        raise typer.Exit(2)
    written = export_gold(store, directory, include_in_review=include_in_review)
    for path in written:
        typer.echo(str(path))
    typer.echo(f"{len(written)} gold files written to {directory}/", err=True)
