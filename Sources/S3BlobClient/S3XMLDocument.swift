#if canImport(FoundationXML)
    import FoundationXML
    import Foundation
#else
    import Foundation
#endif

/// The few shapes of S3's XML answers this client reads: a root element, the text of its direct children, and the
/// children of repeated record elements (`<Contents>` in a listing).
///
/// Parsed with Foundation's `XMLParser` (libxml2, FoundationXML on Linux) rather than by hand: keys come back as XML
/// text and may hold any character, so entities (`&amp;`, `&#x1F600;`), CDATA and namespaces must be decoded
/// exactly, and a SAX parser does that while keeping only the fields asked for. External entities are not resolved.
struct S3XMLDocument: Sendable {
    /// The root element's name: `Error`, `ListBucketResult`, `InitiateMultipartUploadResult` ...
    var root: String
    /// The text of each direct child of the root (the last one when repeated).
    var fields: [String: String]
    /// For each record element under the root, the text of its children, in document order.
    var records: [[String: String]]

    /// Parses `bytes`, collecting the children of every `recordElement` under the root as one record.
    /// - Throws: ``S3BlobClientError/invalidResponse(status:_:)`` when the bytes are not well-formed XML.
    init(parsing bytes: some Sequence<UInt8>, recordElement: String? = nil, status: Int) throws(S3BlobClientError) {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        let collector = Collector(recordElement: recordElement)
        parser.delegate = collector
        guard parser.parse(), collector.isComplete, let root = collector.root else {
            throw .invalidResponse(status: status, "the XML body could not be parsed")
        }
        self.root = root
        self.fields = collector.fields
        self.records = collector.records
    }
}

/// The SAX delegate: tracks the element path and keeps the text of depth-1 children and of record children.
private final class Collector: NSObject, XMLParserDelegate {
    let recordElement: String?
    var root: String?
    var fields: [String: String] = [:]
    var records: [[String: String]] = []
    private var path: [String] = []
    private var text = ""
    private var record: [String: String]?

    init(recordElement: String?) {
        self.recordElement = recordElement
    }

    /// True when a root element was seen and every element was closed (libxml2 may report success on a document
    /// cut short).
    var isComplete: Bool { self.root != nil && self.path.isEmpty }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if self.path.isEmpty { self.root = elementName }
        if self.path.count == 1, elementName == self.recordElement { self.record = [:] }
        self.path.append(elementName)
        self.text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        self.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        self.text += String(decoding: block, as: UTF8.self)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        switch self.path.count {
        case 2 where elementName == self.recordElement:
            if let record = self.record { self.records.append(record) }
            self.record = nil
        case 2:
            self.fields[elementName] = self.text
        case 3 where self.record != nil:
            self.record?[elementName] = self.text
        default:
            break
        }
        self.path.removeLast()
        self.text = ""
    }
}
