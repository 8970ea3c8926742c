import Foundation
import NIOCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML control body (CreateBucketConfiguration, Delete, ServerSideEncryptionConfiguration): a small tree
/// of elements with their text.
///
/// Parsed with Foundation's `XMLParser` (libxml2), external entities off. Only bounded bodies (at most 1 MiB) are
/// parsed; namespace prefixes are dropped, so `<s3:Key>` reads as `Key`. A document type declaration (and so any
/// entity declaration, which can only stand inside one) is refused before the parser sees the body: no S3 body
/// has one, and entities are the road to entity expansion ("billion laughs") and external resources.
struct XMLNode: Sendable, Equatable {
    /// The local name.
    var name: String
    /// The element's own text, concatenated (CDATA included).
    var text: String
    /// The child elements, in order.
    var children: [XMLNode]

    /// The first child named `name`.
    func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    /// Every child named `name`.
    func children(named name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    /// Parses a document; throws `MalformedXML` when it is not well-formed.
    static func parse(_ buffer: ByteBuffer) throws(S3Error) -> XMLNode {
        guard buffer.withUnsafeReadableBytes({ XMLProlog.isPlain($0) }) else { throw .malformedXML }
        let parser = XMLParser(data: Data(buffer.readableBytesView))
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { throw .malformedXML }
        return root
    }
}

/// Collects `XMLParser` events into ``XMLNode``s.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLNode] = []
    private(set) var root: XMLNode?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(XMLNode(name: local, text: "", children: []))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: block, as: UTF8.self)
    }

    // Defence in depth behind ``XMLProlog``: any declaration the parser reports ends the parse (as malformed).
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?
    ) {
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?,
        systemID: String?, notationName: String?
    ) {
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        guard let node = stack.popLast() else { return }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }
}
