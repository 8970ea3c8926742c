/// Why a blob could not be read back. Every case means "refuse to serve"; none returns partial bytes.
enum BlobFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is shorter than the header or than the metadata says.
    case truncated
    /// The file is longer than the metadata says.
    case trailingBytes
    /// A header field is invalid.
    case badHeader(String)
    /// The format version is not one this build reads.
    case unsupportedVersion(UInt8)
    /// The blob belongs to another object.
    case wrongObject
    /// A segment failed AES-GCM authentication (flipped byte, reorder, swap, truncation, wrong key).
    case authenticationFailed(segment: Int)

    var description: String {
        switch self {
        case .truncated: "blob is truncated"
        case .trailingBytes: "blob has trailing bytes"
        case .badHeader(let field): "blob header field \(field) is invalid"
        case .unsupportedVersion(let version): "blob format version \(version) is not supported"
        case .wrongObject: "blob belongs to another object"
        case .authenticationFailed(let segment): "segment \(segment) failed authentication"
        }
    }
}

extension ObjectStoreError {
    init(_ error: BlobFormatError) {
        self = .corruptObject(error.description)
    }
}
