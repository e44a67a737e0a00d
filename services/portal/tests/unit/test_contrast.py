"""Text colours of portal.css against their backgrounds, computed the way WCAG
2.1 defines contrast: every pair the stylesheet declares meets 4.5:1, and
every rule that sets a colour is covered by a declared pair (so a new colour
cannot slip in unchecked)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import portal

CSS = (Path(portal.__file__).parent / "static" / "portal.css").read_text(encoding="utf-8")
AA_TEXT = 4.5
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
VAR = re.compile(r"var\((--[\w-]+)\)")
TEXT_PROPERTIES = ("color", "fill")
BACKGROUND_PROPERTIES = ("background-color", "background")


def relative_luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rules(css: str) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) in source order."""
    found = []
    for selectors, body in RULE.findall(COMMENT.sub("", css)):
        declarations = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                declarations[name.strip()] = value.strip()
        found.append(([" ".join(s.split()) for s in selectors.split(",")], declarations))
    return found


def declared_pairs(css: str) -> list[tuple[str, str]]:
    block = re.search(r"contrast-pairs:(.*?)end-contrast-pairs", css, re.S)
    assert block, "portal.css declares no contrast-pairs block"
    return [tuple(part.strip() for part in line.split("|")) for line in block.group(1).strip().splitlines()
            if line.strip()]  # type: ignore[misc]


class Stylesheet:
    def __init__(self, css: str) -> None:
        self.rules = rules(css)
        root = next(d for selectors, d in self.rules if ":root" in selectors)
        self.variables = {name: value for name, value in root.items() if name.startswith("--")}

    def colour(self, value: str) -> str | None:
        value = VAR.sub(lambda found: self.variables[found.group(1)], value)
        found = HEX.search(value)
        return found.group(0) if found else None

    def last(self, selector: str, properties: tuple[str, ...]) -> str | None:
        """The colour the last rule naming exactly this selector sets (the cascade
        among equally specific rules)."""
        colour = None
        for selectors, declarations in self.rules:
            if selector in selectors:
                for name in properties:
                    if name in declarations and self.colour(declarations[name]):
                        colour = self.colour(declarations[name])
                        break
        return colour

    def text(self, selector: str) -> str:
        return self.last(selector, TEXT_PROPERTIES) or self.last("body", ("color",)) or "#000000"

    def background(self, selector: str) -> str:
        return self.last(selector, BACKGROUND_PROPERTIES) or self.last("body", BACKGROUND_PROPERTIES) or "#ffffff"


SHEET = Stylesheet(CSS)
PAIRS = declared_pairs(CSS)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#fff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white
    assert contrast("#777777", "#ffffff") < AA_TEXT


def test_colours_resolve_through_the_stylesheets_custom_properties_and_the_cascade() -> None:
    assert SHEET.text("a") == SHEET.variables["--link"]
    assert SHEET.text("button") == "#fff"  # `button` after `input, select, textarea, button`
    assert SHEET.background("header.top a") == "#fff" and SHEET.background("header.top") == "#12355b"


@pytest.mark.parametrize(("text", "background"), PAIRS, ids=[f"{t} on {b}" for t, b in PAIRS])
def test_each_declared_text_colour_meets_4_5_to_1_against_its_background(text: str, background: str) -> None:
    ratio = contrast(SHEET.text(text), SHEET.background(background))
    assert ratio >= AA_TEXT, f"{text} ({SHEET.text(text)}) on {background} ({SHEET.background(background)}): " \
                             f"{ratio:.2f}:1"


def test_every_rule_that_sets_a_text_or_background_colour_is_in_a_declared_pair() -> None:
    paired = {selector for pair in PAIRS for selector in pair}
    unpaired = [selector for selectors, declarations in SHEET.rules
                if any(name in declarations and SHEET.colour(declarations[name])
                       for name in ("color", *BACKGROUND_PROPERTIES))
                for selector in selectors if selector not in paired and selector != ":root"]
    assert unpaired == []


def test_every_declared_selector_names_a_rule_of_the_stylesheet() -> None:
    selectors = {selector for names, _ in SHEET.rules for selector in names}
    assert [s for pair in PAIRS for s in pair if s not in selectors] == []
