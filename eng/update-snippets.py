#!/usr/bin/env python3
"""Copies every docs snippet from its compiled source into the pages that quote it.

A page quotes a snippet as

    <!-- snippet: name -->
    ```csharp
    ...
    ```

and the code is the `#region name` ... `#endregion` of a file under `samples/` or
`tests/Pikumo.ImageGen.Samples.Tests/Docs/` (dedented). Edit the region, run this script, commit both;
`tests/Pikumo.ImageGen.Samples.Tests/DocsSnippetTests.cs` fails when they differ, when a region is quoted by no page,
and when a quoted region does not compile on its own. Usage: python3 eng/update-snippets.py [--check],
or --extract NAME to print a snippet as the pages show it (eng/release-check.sh builds apps from those).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
REGION = re.compile(r"#region (?P<name>[\w-]+)\n(?P<code>.*?)\n[ \t]*#endregion", re.S)
MARKER = re.compile(r"(<!-- snippet: (?P<name>[\w-]+) -->\n```csharp\n)(?P<code>.*?)```", re.S)


def dedent(code: str) -> str:
    lines = code.rstrip("\n ").split("\n")
    indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
    return "\n".join(l[indent:] if len(l) >= indent else l.lstrip() for l in lines)


def regions() -> dict:
    files = [f for f in (ROOT / "samples").rglob("*.cs") if "obj" not in f.parts and "bin" not in f.parts]
    files += sorted((ROOT / "tests" / "Pikumo.ImageGen.Samples.Tests" / "Docs").glob("*.cs"))
    found = {}
    for file in files:
        for match in REGION.finditer(file.read_text(encoding="utf-8").replace("\r\n", "\n")):
            name = match.group("name")
            if name in found:
                sys.exit(f"'#region {name}' twice (second in {file.relative_to(ROOT)})")
            found[name] = dedent(match.group("code"))
    return found


def extract(name: str) -> int:
    """Prints a snippet as a page shows it (the release check builds apps from what a reader copies, not from the regions)."""
    for page in sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md"]:
        for match in MARKER.finditer(page.read_text(encoding="utf-8")):
            if match.group("name") == name:
                sys.stdout.write(match.group("code"))
                return 0
    print(f"no page quotes the snippet '{name}'", file=sys.stderr)
    return 1


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--extract":
        return extract(sys.argv[2])
    check = "--check" in sys.argv
    code_by_name = regions()
    pages = sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md"]
    stale, missing = [], []
    for page in pages:
        text = page.read_text(encoding="utf-8")

        def replace(match):
            name = match.group("name")
            if name not in code_by_name:
                missing.append(f"{page.relative_to(ROOT)}: {name}")
                return match.group(0)
            return match.group(1) + code_by_name[name] + "\n```"

        updated = MARKER.sub(replace, text)
        if updated != text:
            stale.append(str(page.relative_to(ROOT)))
            if not check:
                page.write_text(updated, encoding="utf-8")
    for line in missing:
        print(f"no '#region' for {line}", file=sys.stderr)
    print(("stale: " if check else "updated: ") + (", ".join(stale) or "nothing"))
    return 1 if missing or (check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
