"""Building HTML with every text and attribute escaped by html.escape: a text can only ever be
text. Trusted fragments (our own tags) are Markup; everything else is escaped on the way in."""

from __future__ import annotations

from html import escape


class Markup(str):
    """HTML made by this package; never built from unescaped outside text."""

    __slots__ = ()


# Elements without content or end tag in HTML.
_VOID = frozenset({"meta", "img", "br", "link"})


def text(value: str) -> Markup:
    """`value` escaped as element content (quotes too, so it is safe anywhere)."""
    return Markup(escape(value, quote=True))


def attrs(values: dict[str, str | None]) -> str:
    """` name="value"` pairs, escaped; None leaves the attribute out."""
    out = []
    for name, value in values.items():
        if value is None:
            continue
        if not name.replace("-", "").isalnum():
            raise ValueError(f"not an attribute name: {name!r}")
        out.append(f' {name}="{escape(value, quote=True)}"')
    return "".join(out)


def el(
    tag: str, attributes: dict[str, str | None] | None = None, *children: Markup | str
) -> Markup:
    """<tag attributes>children</tag>; a str child is escaped, a Markup child kept as is."""
    if not tag.isalnum():
        raise ValueError(f"not a tag name: {tag!r}")
    start = f"<{tag}{attrs(attributes or {})}>"
    if tag in _VOID:
        return Markup(start)
    inner = "".join(c if isinstance(c, Markup) else text(c) for c in children)
    return Markup(f"{start}{inner}</{tag}>")


def join(parts: list[Markup]) -> Markup:
    """Fragments one after another, one per line (readable source, same rendering)."""
    return Markup("\n".join(parts))
