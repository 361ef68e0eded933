"""Keep each addon's i18n/zh_CN.po in step with its code (like msgmerge).

Usage: python .ci/i18n_sync.py ADDON POT_FILE [TRANSLATIONS.py]
  POT_FILE: the template exported by `.ci/odoo -d DB --i18n-export=x.pot --modules=ADDON`.
  Existing translations are kept, new terms added (empty), vanished terms dropped.
  TRANSLATIONS.py (optional) defines a dict ZH {msgid: msgstr} to fill in.
"""

import pathlib
import runpy
import sys

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main(addon, pot_file, extra=None):
    po_path = ROOT / "addons" / addon / "i18n" / "zh_CN.po"
    old = (
        {e.msgid: e.msgstr for e in polib.pofile(str(po_path)) if e.msgstr}
        if po_path.exists()
        else {}
    )
    if extra:
        old.update(runpy.run_path(extra)["ZH"])
    pot = polib.pofile(pot_file)
    pot.metadata.update(
        {
            "Language": "zh_CN",
            "Language-Team": "Chinese (Simplified)",
            "Plural-Forms": "nplurals=1; plural=0;",
            "Last-Translator": "shopfloor",
        }
    )
    for entry in pot:
        entry.msgstr = old.get(entry.msgid, "")
    pot.save(str(po_path))
    missing = [e.msgid for e in pot if not e.msgstr]
    print(f"{addon}: {len(pot)} terms, {len(missing)} untranslated")


if __name__ == "__main__":
    main(*sys.argv[1:])
