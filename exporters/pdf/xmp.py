"""XMP metadata packet for a PDF/UA-1 file (title, language, pdfuaid:part 1)."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream


def xmp_packet(*, title: str, language: str, creator_tool: str, modified: dt.datetime) -> str:
    """The XMP packet text; `title` is escaped, so any characters are safe."""
    stamp = modified.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    t = escape(title)
    lang = escape(language)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <dc:format>application/pdf</dc:format>
   <pdf:Producer>ReportLab with Listening Post tagging</pdf:Producer>
   <xmp:CreatorTool>{escape(creator_tool)}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def metadata_stream(packet: str) -> PDFStream:
    """An uncompressed /Metadata stream (XMP must stay readable by tools that scan for it)."""
    stream = PDFStream(
        dictionary=PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        content=packet.encode("utf-8"),
        filters=[],
    )
    return stream
