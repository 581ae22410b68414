import JSZip from 'jszip';

/**
 * A copy of a DOCX for LibreOffice to convert. LibreOffice (7.4 here, and its current source)
 * imports w:overflowPunct inverted — writerfilter's DomainMapper sets ParaIsHangingPunctuation to
 * `nIntValue == 0` — so the w:val="0" Word and WPS need to keep ，。、 inside the type area makes
 * LibreOffice hang them past it (measured: lines end 189.7 mm from the left edge, the type area
 * ends at 184 mm). The copy says w:val="1" to LibreOffice, which then breaks as Word does. The
 * DOCX offices receive keeps w:val="0". (LibreOffice ignores w:autoSpaceDE/DN altogether and
 * keeps its CJK/Latin spacing on; nothing in the file can turn that off.)
 */
export async function forLibreOffice(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const parts = Object.keys(zip.files).filter((n) =>
    /^word\/(document|styles|header\d*|footer\d*)\.xml$/.test(n),
  );
  for (const name of parts) {
    const xml = await zip.file(name)!.async('string');
    const flipped = xml.replace(
      /<w:overflowPunct w:val="(?:0|false|off)"\/>/g,
      '<w:overflowPunct w:val="1"/>',
    );
    if (flipped !== xml) zip.file(name, flipped);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
