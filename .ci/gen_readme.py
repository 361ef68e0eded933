"""Build each addon's README.rst from its readme/ fragments (as OCA's oca-gen-addon-readme does).

Usage: python .ci/gen_readme.py [--check]
"""

import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = [("DESCRIPTION", None), ("USAGE", "Usage"), ("CONFIGURE", "Configuration")]


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), ""]
    out += [f"License: {manifest['license']} | Version: {manifest['version']}", ""]
    for name, heading in SECTIONS:
        frag = addon / "readme" / f"{name}.md"
        if not frag.exists():
            continue
        if heading:
            out += [heading, "=" * len(heading), ""]
        out += [frag.read_text().strip().replace("`", "``"), ""]
    out += ["Credits", "=======", "", f"Authors: {manifest['author']}", ""]
    return "\n".join(out)


def main():
    stale = []
    for addon in sorted((ROOT / "addons").iterdir()):
        if not (addon / "__manifest__.py").exists():
            continue
        text = render(addon)
        target = addon / "README.rst"
        if "--check" in sys.argv:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target))
        else:
            target.write_text(text)
    if stale:
        sys.stderr.write("README.rst out of date (run python .ci/gen_readme.py): %s\n" % stale)
        sys.exit(1)


if __name__ == "__main__":
    main()
