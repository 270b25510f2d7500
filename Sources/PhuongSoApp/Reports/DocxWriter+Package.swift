import PhuongSoCore

extension DocxWriter {
    enum Package {
        static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

        static let contentTypes = """
            \(declaration)<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            <Override PartName="/word/styles.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
            <Override PartName="/word/settings.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
            <Override PartName="/word/header1.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
            <Override PartName="/word/header2.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
            <Override PartName="/docProps/core.xml" \
            ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            <Override PartName="/docProps/app.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
            </Types>
            """

        static let rootRelations = """
            \(declaration)<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="word/document.xml"/>\
            <Relationship Id="rId2" \
            Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
            Target="docProps/core.xml"/>\
            <Relationship Id="rId3" Type="\(relationships)/extended-properties" Target="docProps/app.xml"/>\
            </Relationships>
            """

        /// rId3 and rId4 are the headers the section refers to.
        static let documentRelations = """
            \(declaration)<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/styles" Target="styles.xml"/>\
            <Relationship Id="rId2" Type="\(relationships)/settings" Target="settings.xml"/>\
            <Relationship Id="rId3" Type="\(relationships)/header" Target="header1.xml"/>\
            <Relationship Id="rId4" Type="\(relationships)/header" Target="header2.xml"/>\
            </Relationships>
            """

        /// Times New Roman for every script and 14 pt as the document default (Phụ lục I, mục I.4
        /// and I.5), Vietnamese as the language so spelling tools do not flag every word.
        static let styles = """
            \(declaration)<w:styles xmlns:w="\(w)"><w:docDefaults><w:rPrDefault><w:rPr>\
            <w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" \
            w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/>\
            <w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>\
            <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>\
            </w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>\
            <w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" \
            w:cs="Times New Roman"/></w:rPr></w:style>\
            <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">\
            <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>\
            </w:style>\
            <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
            <w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>\
            <w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
            <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
            <w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>\
            <w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
            </w:styles>
            """

        static let settings = """
            \(declaration)<w:settings xmlns:w="\(w)"><w:zoom w:percent="100"/>\
            <w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>\
            <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" \
            w:val="15"/></w:compat></w:settings>
            """

        /// The page number, centred at the top (Phụ lục I, mục I.7), or nothing (page 1).
        static func header(pageNumber: Bool) -> String {
            let field =
                pageNumber
                ? """
                <w:r><w:fldChar w:fldCharType="begin"/></w:r>\
                <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
                <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>\
                <w:r><w:fldChar w:fldCharType="end"/></w:r>
                """ : ""
            return """
                \(declaration)<w:hdr xmlns:w="\(w)" xmlns:r="\(relationships)"><w:p><w:pPr><w:jc w:val="center"/>\
                </w:pPr>\(field)</w:p></w:hdr>
                """
        }

        /// The title is the subject; the issuer is the author; the date the document's own.
        static func core(_ d: Decree30Document) -> String {
            let created = d.date.description + "T00:00:00Z"
            return """
                \(declaration)<cp:coreProperties \
                xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
                xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
                <dc:title>\(escape(d.subject))</dc:title><dc:subject>\(escape(d.kind))</dc:subject>\
                <dc:creator>\(escape(d.issuer.joined(separator: " ")))</dc:creator><dc:language>vi-VN</dc:language>\
                <dcterms:created xsi:type="dcterms:W3CDTF">\(created)</dcterms:created></cp:coreProperties>
                """
        }

        /// The application and the issuer (the title lives in core.xml).
        static func app(_ d: Decree30Document) -> String {
            """
            \(declaration)<Properties \
            xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
            xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
            <Application>PhuongSo</Application><Company>\(escape(d.issuer.joined(separator: " ")))</Company>\
            </Properties>
            """
        }
    }
}
