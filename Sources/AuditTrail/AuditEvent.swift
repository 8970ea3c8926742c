public import Foundation

/// One KMS call, in CloudTrail's record shape (`eventVersion` 1.08), written as one JSON line.
///
/// Every KMS operation produces one: over the wire or from S3 on a requester's behalf, successful or failed.
/// What can go into it is limited by construction: parameters are whitelisted `AuditFields` whose values
/// cannot hold bytes, so plaintext, ciphertext blobs, data keys and signatures never reach the trail.
public struct AuditEvent: Sendable, Hashable {
    /// CloudTrail's event types that Coffer produces.
    public enum EventType: String, Codable, Sendable, Hashable {
        /// A call of the API, by a principal or a service on its behalf.
        case awsApiCall = "AwsApiCall"
        /// An event of the service itself (scheduled key deletion, automatic rotation).
        case awsServiceEvent = "AwsServiceEvent"
    }

    /// The record format version, `1.08`.
    public var eventVersion: String
    /// Who made the call.
    public var userIdentity: AuditUserIdentity
    /// When the call was made, in whole seconds (CloudTrail's `2026-11-30T01:02:03Z`).
    public var eventTime: Date
    /// The service, `kms.amazonaws.com`.
    public var eventSource: String
    /// The operation, e.g. `GenerateDataKey`.
    public var eventName: String
    /// The region of the key service.
    public var awsRegion: String
    /// The caller's address, or the invoking service's name for a call made on a requester's behalf.
    public var sourceIPAddress: String?
    /// The caller's user agent, or the invoking service's name.
    public var userAgent: String?
    /// The error code (`NotFoundException`, `AccessDeniedException`, ...) of a failed call.
    public var errorCode: String?
    /// The error message of a failed call.
    public var errorMessage: String?
    /// The request's parameters that are neither secret nor binary.
    public var requestParameters: AuditFields?
    /// The response's elements that are neither secret nor binary; absent for most cryptographic calls.
    public var responseElements: AuditFields?
    /// Extra data, such as `keyMaterialId`.
    public var additionalEventData: AuditFields?
    /// The request id returned to the caller (`x-amzn-RequestId`).
    public var requestID: String
    /// This event's unique id, written in lower case as CloudTrail does.
    public var eventID: UUID
    /// True for calls that change nothing (cryptographic operations, Describe, Get and List calls).
    public var readOnly: Bool
    /// The keys the call touched.
    public var resources: [AuditResource]?
    /// `AwsApiCall` or `AwsServiceEvent`.
    public var eventType: EventType
    /// Always true: KMS events are management events.
    public var managementEvent: Bool
    /// The account whose trail receives the event (the key owner's).
    public var recipientAccountId: String
    /// Always `Management`.
    public var eventCategory: String

    /// Creates an event; constants take CloudTrail's values and `readOnly` defaults from `eventName`.
    ///
    /// Without an `eventID`, a fresh unique one is made (cheaply: no system call per event).
    /// `eventTime` is truncated to whole seconds, as CloudTrail writes it, so an event reads back equal.
    public init(
        eventName: String,
        userIdentity: AuditUserIdentity,
        awsRegion: String,
        requestID: String,
        recipientAccountId: String,
        eventTime: Date = Date(),
        eventID: UUID? = nil,
        eventType: EventType = .awsApiCall,
        readOnly: Bool? = nil,
        sourceIPAddress: String? = nil,
        userAgent: String? = nil,
        requestParameters: AuditFields? = nil,
        responseElements: AuditFields? = nil,
        additionalEventData: AuditFields? = nil,
        errorCode: String? = nil,
        errorMessage: String? = nil,
        resources: [AuditResource]? = nil
    ) {
        self.eventVersion = "1.08"
        self.userIdentity = userIdentity
        self.eventTime = Date(timeIntervalSince1970: eventTime.timeIntervalSince1970.rounded(.down))
        self.eventSource = "kms.amazonaws.com"
        self.eventName = eventName
        self.awsRegion = awsRegion
        self.sourceIPAddress = sourceIPAddress
        self.userAgent = userAgent
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.requestParameters = requestParameters
        self.responseElements = responseElements
        self.additionalEventData = additionalEventData
        self.requestID = requestID
        self.eventID = eventID ?? AuditEventID.next()
        self.readOnly = readOnly ?? Self.isReadOnly(eventName: eventName)
        self.resources = resources
        self.eventType = eventType
        self.managementEvent = true
        self.recipientAccountId = recipientAccountId
        self.eventCategory = "Management"
    }

    private static let readOnlyPrefixes = ["Describe", "Get", "List", "Generate", "Verify"]
    private static let readOnlyOperations: Set<String> = [
        "Encrypt", "Decrypt", "ReEncrypt", "Sign", "DeriveSharedSecret",
    ]

    /// Whether CloudTrail marks `eventName` read-only: cryptographic operations and Describe/Get/List calls.
    public static func isReadOnly(eventName: String) -> Bool {
        readOnlyOperations.contains(eventName) || readOnlyPrefixes.contains { eventName.hasPrefix($0) }
    }
}
