using System.Globalization;
using System.Text;
using System.Xml;
using Pikumo.ImageGen.Privacy;

namespace Pikumo.ImageGen.Imaging;

/// <summary>Renders an <see cref="ImageProvenance"/> as an XMP packet (RDF/XML, UTF-8), deterministic for the same input.</summary>
internal static class XmpPacket
{
    public const string RdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string IptcExtNs = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    public const string DcNs = "http://purl.org/dc/elements/1.1/";
    public const string XmpNs = "http://ns.adobe.com/xap/1.0/";
    public const string XmpMMNs = "http://ns.adobe.com/xap/1.0/mm/";
    public const string StRefNs = "http://ns.adobe.com/xap/1.0/sType/ResourceRef#";
    public const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    public static string Render(ImageProvenance provenance)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = " ", NewLineChars = "\n", Encoding = Encoding.UTF8 };
        using (var w = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), settings))
        {
            w.WriteProcessingInstruction("xpacket", "begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"");
            w.WriteStartElement("x", "xmpmeta", "adobe:ns:meta/");
            w.WriteAttributeString("x", "xmptk", "adobe:ns:meta/", "Pikumo.ImageGen.Imaging");
            w.WriteStartElement("rdf", "RDF", RdfNs);
            w.WriteStartElement("rdf", "Description", RdfNs);
            w.WriteAttributeString("rdf", "about", RdfNs, string.Empty);
            foreach (var (prefix, ns) in new[] { ("Iptc4xmpExt", IptcExtNs), ("dc", DcNs), ("xmp", XmpNs), ("xmpMM", XmpMMNs), ("stRef", StRefNs), ("pikumo", ProvenanceMetadata.Namespace) })
            {
                w.WriteAttributeString("xmlns", prefix, null, ns);
            }

            w.WriteElementString("Iptc4xmpExt", "DigitalSourceType", IptcExtNs, provenance.DigitalSourceType);
            if (provenance.Sources.Select(s => s.Model).FirstOrDefault(m => !string.IsNullOrEmpty(m)) is { } model)
            {
                w.WriteElementString("Iptc4xmpExt", "AISystemUsed", IptcExtNs, model);
            }

            w.WriteElementString("xmp", "CreatorTool", XmpNs, "Pikumo.ImageGen.Imaging");
            if (provenance.Description is { Length: > 0 } description)
            {
                w.WriteStartElement("dc", "description", DcNs);
                w.WriteStartElement("rdf", "Alt", RdfNs);
                w.WriteStartElement("rdf", "li", RdfNs);
                w.WriteAttributeString("xml", "lang", XmlNs, "x-default");
                w.WriteString(description);
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }

            if (provenance.Sources.Count == 1)
            {
                var only = provenance.Sources[0];
                if (only.FileName is { } file)
                {
                    w.WriteElementString("dc", "source", DcNs, file);
                }

                w.WriteStartElement("xmpMM", "DerivedFrom", XmpMMNs);
                ResourceRef(w, only);
                w.WriteEndElement();
            }

            if (provenance.Sources.Count > 0)
            {
                List(w, "xmpMM", "Ingredients", XmpMMNs, "Bag", provenance.Sources, ResourceRef);
                List(w, "pikumo", "Sources", ProvenanceMetadata.Namespace, "Seq", provenance.Sources, (w, s) =>
                {
                    Field(w, "sha256", s.Sha256);
                    Field(w, "file", s.FileName);
                    Field(w, "part", s.Part);
                    Field(w, "requestId", s.RequestId);
                    Field(w, "model", s.Model);
                });
            }

            if (provenance.Consents.Count > 0)
            {
                List(w, "pikumo", "Consents", ProvenanceMetadata.Namespace, "Bag", provenance.Consents, (w, c) =>
                {
                    Field(w, "subject", c.Subject);
                    Field(w, "grantedBy", c.GrantedBy);
                    Field(w, "grantedAt", c.GrantedAt.ToString("o", CultureInfo.InvariantCulture));
                    Field(w, "scope", c.Scope);
                    Field(w, "expiresAt", c.ExpiresAt?.ToString("o", CultureInfo.InvariantCulture));
                    Field(w, "reference", c.Reference);
                });
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteProcessingInstruction("xpacket", "end=\"r\"");
        }

        return text.ToString();
    }

    /// <summary>An <c>stRef:ResourceRef</c>: the file and, as the document id, the SHA-256 (<c>sha256:</c> + hex).</summary>
    private static void ResourceRef(XmlWriter w, ProvenanceSource source)
    {
        w.WriteAttributeString("rdf", "parseType", RdfNs, "Resource");
        if (source.FileName is { } file)
        {
            w.WriteElementString("stRef", "filePath", StRefNs, file);
        }

        w.WriteElementString("stRef", "documentID", StRefNs, "sha256:" + source.Sha256);
    }

    private static void List<T>(XmlWriter w, string prefix, string name, string ns, string kind, IReadOnlyList<T> items, Action<XmlWriter, T> item)
    {
        w.WriteStartElement(prefix, name, ns);
        w.WriteStartElement("rdf", kind, RdfNs);
        foreach (var value in items)
        {
            w.WriteStartElement("rdf", "li", RdfNs);
            if (prefix == "pikumo")
            {
                w.WriteAttributeString("rdf", "parseType", RdfNs, "Resource");
            }

            item(w, value);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Field(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString("pikumo", name, ProvenanceMetadata.Namespace, value);
        }
    }
}
