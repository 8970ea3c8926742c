/// The descriptive metadata stored with an object and returned on GET and HEAD.
public struct ObjectMetadata: Sendable, Hashable {
    /// `Content-Type`.
    public var contentType: String?
    /// `Content-Encoding`.
    public var contentEncoding: String?
    /// `Content-Disposition`.
    public var contentDisposition: String?
    /// `Content-Language`.
    public var contentLanguage: String?
    /// `Cache-Control`.
    public var cacheControl: String?
    /// `Expires`, stored as sent.
    public var expires: String?
    /// `x-amz-meta-*` pairs, keyed without the prefix.
    public var userMetadata: [String: String]
    /// The canned ACL (`x-amz-acl`), e.g. `public-read`, stored as sent.
    public var cannedACL: String?

    /// Creates metadata; every field defaults to absent.
    public init(
        contentType: String? = nil,
        contentEncoding: String? = nil,
        contentDisposition: String? = nil,
        contentLanguage: String? = nil,
        cacheControl: String? = nil,
        expires: String? = nil,
        userMetadata: [String: String] = [:],
        cannedACL: String? = nil
    ) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.contentDisposition = contentDisposition
        self.contentLanguage = contentLanguage
        self.cacheControl = cacheControl
        self.expires = expires
        self.userMetadata = userMetadata
        self.cannedACL = cannedACL
    }
}
