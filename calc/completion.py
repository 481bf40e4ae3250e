"""Shell completion for `dcpower`, written from the command spec (`calc.commands`).

`dcpower completion bash|zsh|fish` prints the script. Commands, options and fixed choices
(--basis, --power-bound, --format, ...) are written into it; preset ids (--accelerator,
--facility, --method, claim ids, ...) are read when the user presses Tab, through the hidden
``dcpower __complete KIND`` entry, so presets added later, or in a --preset-dir typed earlier on
the line, are offered too. The zsh script runs the bash one through zsh's bashcompinit.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from calc import commands
from calc.commands import Command, Option

HIDDEN = "__complete"
"""The hidden first word that lists preset ids for a completion script."""


@dataclass(frozen=True)
class Level:
    """What can follow one command path (``""``, ``"check"``, ``"claims list"``)."""

    path: str
    subcommands: tuple[str, ...]
    options: tuple[str, ...]
    values: dict[str, str]
    """Each option that reads a value -> how to complete it (see `_completer`)."""
    positionals: tuple[str, ...]
    """How to complete the first, second, ... positional argument (the last repeats)."""
    descriptions: dict[str, str]
    """Each subcommand and option -> its help, for shells that show it."""


def _completer(option: Option, api: Any) -> str:
    """'choices A B', 'preset KIND', 'file', 'dir', or 'any' (nothing to offer)."""
    if option.choices is not None:
        choices = option.choices if isinstance(option.choices, tuple) else option.choices(api)
        return "choices " + " ".join(choices)
    if option.complete in ("file", "dir"):
        return option.complete
    if option.complete is not None:
        return f"preset {option.complete}"
    return "any"


def _help(option_or_command: Option | Command, api: Any) -> str:
    text = getattr(option_or_command, "summary", None) or getattr(option_or_command, "help", None)
    if text is None:
        text = option_or_command.description  # type: ignore[union-attr]
    text = text if isinstance(text, str) else text(api)
    text = text.replace("%%", "%")
    return text if len(text) <= 70 else text[:69].rstrip() + "…"


def levels(api: Any) -> Iterator[Level]:
    """Every command path of `dcpower` with what may follow it, from the spec."""
    program = Command(
        "", commands.PROGRAM.description, commands.PROGRAM.options, subcommands=commands.COMMANDS
    )
    yield from _levels(program, "", api, top=True)


def _levels(spec: Command, path: str, api: Any, *, top: bool = False) -> Iterator[Level]:
    options = list(spec.options) if top else [*commands.PROGRAM.options, *spec.options]
    flags = (
        [flag for o in options for flag in o.flags] + ["-h", "--help"] + (["-V", "--version"] if top else [])
    )
    descriptions = {c.name: _help(c, api) for c in spec.subcommands}
    descriptions |= {flag: _help(o, api) for o in options for flag in o.flags}
    yield Level(
        path,
        tuple(c.name for c in spec.subcommands),
        tuple(dict.fromkeys(flags)),
        {flag: _completer(o, api) for o in options if o.flags and o.takes_value for flag in o.flags},
        tuple(_completer(o, api) for o in options if not o.flags),
        descriptions,
    )
    for child in spec.subcommands:
        yield from _levels(child, f"{path} {child.name}".strip(), api)


def script(shell: str, api: Any) -> str:
    """The completion script for `shell` (bash, zsh or fish).

    Raises:
        ValueError: Another shell.
    """
    if shell == "bash":
        return _bash(list(levels(api))) + "complete -F _dcpower dcpower\n"
    if shell == "zsh":
        return (
            "#compdef dcpower\n"
            "# zsh completion for dcpower: the bash completion, run by zsh's bashcompinit\n"
            "autoload -U +X bashcompinit && bashcompinit\n"
            + _bash(list(levels(api)))
            + "complete -F _dcpower dcpower\n"
        )
    if shell == "fish":
        return _fish(list(levels(api)))
    raise ValueError(
        f"completion: {shell!r} is not a shell dcpower writes completion for; accepted: bash, zsh, fish"
    )


def ids(kind: str, api: Any) -> list[str]:
    """The preset ids `dcpower __complete KIND` prints: one kind's, or every kind's ('presets')."""
    kinds = api.KINDS if kind == "presets" else (kind,)
    return sorted({preset for each in kinds for preset in api.list_presets(each)})


# --------------------------------------------------------------------------------------- bash


def _case(name: str, arms: list[tuple[str, str]]) -> str:
    lines = [f"{name}() {{", '    case "$1" in']
    lines += [f"        {shlex.quote(pattern)}) echo {shlex.quote(value)} ;;" for pattern, value in arms]
    lines += ["    esac", "}", ""]
    return "\n".join(lines)


_BASH_MAIN = r"""_dcpower_reply() {
    local kind=$1
    case $kind in
        choices\ *) COMPREPLY=($(compgen -W "${kind#choices }" -- "$cur")) ;;
        preset\ *)
            if [[ $cur == */* ]]; then
                COMPREPLY=($(compgen -f -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete "${kind#preset }" "${dirs[@]}" 2>/dev/null)" -- "$cur"))
            fi ;;
        file) COMPREPLY=($(compgen -f -- "$cur")) ;;
        dir) COMPREPLY=($(compgen -d -- "$cur")) ;;
    esac
}

_dcpower() {
    local cur=${COMP_WORDS[COMP_CWORD]} path="" word kind commands n=0 i=1
    local -a dirs=()
    COMPREPLY=()
    while (( i < COMP_CWORD )); do
        word=${COMP_WORDS[i]}
        if [[ $word == -* ]]; then
            kind=$(_dcpower_value "$path" "$word")
            if [[ -n $kind ]]; then
                if (( i + 1 == COMP_CWORD )); then
                    _dcpower_reply "$kind"
                    return 0
                fi
                [[ $word == --preset-dir ]] && dirs+=(--preset-dir "${COMP_WORDS[i+1]}")
                (( i += 1 ))
            fi
        elif commands=" $(_dcpower_commands "$path") "; [[ $commands == *" $word "* ]]; then
            path="${path:+$path }$word"
            n=0
        else
            (( n += 1 ))
        fi
        (( i += 1 ))
    done
    commands=$(_dcpower_commands "$path")
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_dcpower_options "$path")" -- "$cur"))
    elif [[ -n $commands ]]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    else
        _dcpower_reply "$(_dcpower_positional "$path" "$n")"
    fi
    return 0
}

"""


def _bash(all_levels: list[Level]) -> str:
    positional: list[tuple[str, str]] = []
    for level in all_levels:
        for index, kind in enumerate(level.positionals):
            positional.append((f"{level.path} {index}", kind))
        if level.positionals:  # the last one repeats (FILE...)
            positional.append((f"{level.path} *", level.positionals[-1]))
    parts = [
        "# bash completion for dcpower, written by 'dcpower completion bash' from its command spec\n",
        _case(
            "_dcpower_commands", [(lv.path, " ".join(lv.subcommands)) for lv in all_levels if lv.subcommands]
        ),
        _case("_dcpower_options", [(lv.path, " ".join(lv.options)) for lv in all_levels]),
        _case_pairs(
            "_dcpower_value",
            [(f"{lv.path} {flag}".lstrip(), kind) for lv in all_levels for flag, kind in lv.values.items()],
        ),
        _case_pairs("_dcpower_positional", [(p.lstrip(), kind) for p, kind in positional]),
        _BASH_MAIN,
    ]
    return "\n".join(parts)


def _case_pairs(name: str, arms: list[tuple[str, str]]) -> str:
    """A function of two words (the path, then a flag or an index), matched as one."""
    lines = [f"{name}() {{", '    case "${1:+$1 }$2" in']
    for pattern, value in arms:
        head, _, tail = pattern.rpartition(" ")
        quoted = shlex.quote(f"{head} ".lstrip()) + ("*" if tail == "*" else shlex.quote(tail))
        lines.append(f"        {quoted}) echo {shlex.quote(value)} ;;")
    lines += ["    esac", "}", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------- fish


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish(all_levels: list[Level]) -> str:
    paths = [lv.path for lv in all_levels if lv.path]
    value_flags = sorted({flag for lv in all_levels for flag in lv.values})
    lines = [
        "# fish completion for dcpower, written by 'dcpower completion fish' from its command spec",
        f"set -g __dcpower_paths {' '.join(_fish_quote(p) for p in paths)}",
        f"set -g __dcpower_value_flags {' '.join(value_flags)}",
        "function __dcpower_path --description 'the dcpower command being typed'",
        "    set -l path ''",
        "    set -l skip 0",
        "    for word in (commandline -opc)[2..-1]",
        "        if test $skip = 1",
        "            set skip 0",
        "            continue",
        "        end",
        "        if string match -q -- '-*' $word",
        "            contains -- $word $__dcpower_value_flags; and set skip 1",
        '        else if contains -- (string trim -- "$path $word") $__dcpower_paths',
        '            set path (string trim -- "$path $word")',
        "        end",
        "    end",
        "    echo $path",
        "end",
        "function __dcpower_at --description 'the command being typed is this one'",
        "    set -l path (__dcpower_path)",
        '    test "$path" = "$argv"',
        "end",
        "complete -c dcpower -f",
    ]
    for level in all_levels:
        at = f"__dcpower_at {shlex.quote(level.path) if level.path else chr(39) * 2}"
        for name in level.subcommands:
            lines.append(
                f"complete -c dcpower -n {_fish_quote(at)} -a {name} -d {_fish_quote(level.descriptions[name])}"
            )
        for flag in level.options:
            if flag in ("-h", "--help", "-V", "--version"):
                continue
            words = ["complete -c dcpower", f"-n {_fish_quote(at)}"]
            words.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
            words.append(_fish_values(level.values.get(flag)))
            words.append(f"-d {_fish_quote(level.descriptions[flag])}")
            lines.append(" ".join(w for w in words if w))
        for kind in dict.fromkeys(level.positionals):
            lines.append(f"complete -c dcpower -n {_fish_quote(at)} {_fish_values(kind)}".rstrip())
    return "\n".join(lines) + "\n"


def _fish_values(kind: str | None) -> str:
    """The part of a fish `complete` line that offers an option's value."""
    if kind is None:
        return ""
    if kind.startswith("choices "):
        return f"-x -a {_fish_quote(kind.removeprefix('choices '))}"
    if kind.startswith("preset "):
        return f"-x -a {_fish_quote('(dcpower ' + HIDDEN + ' ' + kind.removeprefix('preset ') + ' 2>/dev/null)')}"
    if kind == "file":
        return "-r -F"
    if kind == "dir":
        return "-x -a '(__fish_complete_directories)'"
    return "-x"
