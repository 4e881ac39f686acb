"""The README's command reference, made from the commands' own declarations and help (flows.cli_*), so the
two cannot drift apart.

In: the typer app of flows.cli. Out: `reference()`, Markdown: a table of the commands (how each is called,
what it does) and each command's arguments and options with their help. `python -m flows.cli_docs` writes
it into README.md between BEGIN and END (`--check`: exit 1 when the README's copy is not current, as
tests/test_docs.py asserts).
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any

import typer

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN = "<!-- made by `python -m flows.cli_docs` from the commands' help: edit flows/cli_*.py, not this -->"
END = "<!-- end of the command reference -->"
COMMON = ("--db", "--config", "--help")  # said once, above the commands' own options


def commands() -> dict[str, Any]:
    """The click commands typer makes of flows.cli's functions, by name, in `pledgetrack --help`'s order."""
    from flows.cli import app

    group = typer.main.get_command(app)
    context = group.make_context("pledgetrack", ["--help"], resilient_parsing=True)
    return {name: group.get_command(context, name) for name in group.list_commands(context)}


def synopsis(name: str, command: Any) -> str:
    """How the command is called: its arguments and required options; the others stand as [OPTIONS]."""
    words = [f"pledgetrack {name}"]
    for param in command.params:
        if param.param_type_name == "argument":
            words.append(param.metavar if param.required else f"[{param.metavar}...]")
        elif param.required:
            words.append(f"{param.opts[0]} {param.metavar}")
    return " ".join([*words, "[OPTIONS]"])


def described(param: Any) -> str:
    """An argument or option as it is typed: `ID`, `--inbox DIR`, `--bom`."""
    if param.param_type_name == "argument":
        return param.metavar
    return " ".join(filter(None, [", ".join(param.opts), None if param.is_flag else param.metavar]))


def markdown(text: str) -> str:
    """Help text as Markdown: one line, `<` and `>` escaped outside code (`<db>` is no HTML tag)."""
    parts = " ".join(text.split()).split("`")
    return "`".join(p if i % 2 else p.replace("<", "&lt;").replace(">", "&gt;") for i, p in enumerate(parts))


def description(command: Any) -> str:
    """A command's whole help, its paragraphs as sentences: 'Run the pipeline once now (...). Fetches ...'"""
    paragraphs = [" ".join(p.split()) for p in inspect.cleandoc(command.help).split("\n\n")]
    sentences = [p if p.endswith(".") else p + "." for p in paragraphs]
    return markdown(" ".join(sentences)[:1].upper() + " ".join(sentences)[1:])


def reference() -> str:
    everything = commands()
    lines = [BEGIN, "", "| command | what it does |", "| --- | --- |"]
    for name, command in everything.items():
        cells = (f"`{synopsis(name, command)}`", description(command))
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    common = [p for p in next(iter(everything.values())).params if p.opts and p.opts[0] in COMMON[:2]]
    lines += [
        "",
        "Every command takes "
        + "; ".join(f"`{described(p)}`: {markdown(p.help)}" for p in common)
        + ". `pledgetrack COMMAND --help` (or `-h`) prints a command's help; their arguments and options:",
    ]
    for name, command in everything.items():
        own = [p for p in command.params if not (p.opts and p.opts[0] in COMMON)]
        if own:
            lines += ["", f"**`pledgetrack {name}`**", ""]
            lines += [f"- `{described(p)}`: {markdown(p.help)}" for p in own]
    return "\n".join([*lines, "", END])


def readme_section(text: str) -> str:
    """The README's copy of the reference, markers included ('' when it has none)."""
    start, end = text.find(BEGIN), text.find(END)
    return text[start : end + len(END)] if start >= 0 and end > start else ""


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    current, wanted = readme_section(text), reference()
    if not current:
        print(f"{README}: no command reference between {BEGIN!r} and {END!r}", file=sys.stderr)
        return 1
    if "--check" in argv:
        return 0 if current == wanted else 1
    README.write_text(text.replace(current, wanted), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
