import Foundation

extension AuditEvent: Codable {
    private enum CodingKeys: String, CodingKey {
        case eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent
        case errorCode, errorMessage, requestParameters, responseElements, additionalEventData, requestID, eventID
        case readOnly, resources, eventType, managementEvent, recipientAccountId, eventCategory
    }

    /// Decodes a CloudTrail record; optional members may be absent or null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        eventVersion = try container.decode(String.self, forKey: .eventVersion)
        userIdentity = try container.decode(AuditUserIdentity.self, forKey: .userIdentity)
        eventTime = try container.decode(Date.self, forKey: .eventTime)
        eventSource = try container.decode(String.self, forKey: .eventSource)
        eventName = try container.decode(String.self, forKey: .eventName)
        awsRegion = try container.decode(String.self, forKey: .awsRegion)
        sourceIPAddress = try container.decodeIfPresent(String.self, forKey: .sourceIPAddress)
        userAgent = try container.decodeIfPresent(String.self, forKey: .userAgent)
        errorCode = try container.decodeIfPresent(String.self, forKey: .errorCode)
        errorMessage = try container.decodeIfPresent(String.self, forKey: .errorMessage)
        requestParameters = try container.decodeIfPresent(AuditFields.self, forKey: .requestParameters)
        responseElements = try container.decodeIfPresent(AuditFields.self, forKey: .responseElements)
        additionalEventData = try container.decodeIfPresent(AuditFields.self, forKey: .additionalEventData)
        requestID = try container.decode(String.self, forKey: .requestID)
        eventID = try container.decode(UUID.self, forKey: .eventID)
        readOnly = try container.decode(Bool.self, forKey: .readOnly)
        resources = try container.decodeIfPresent([AuditResource].self, forKey: .resources)
        eventType = try container.decode(EventType.self, forKey: .eventType)
        managementEvent = try container.decode(Bool.self, forKey: .managementEvent)
        recipientAccountId = try container.decode(String.self, forKey: .recipientAccountId)
        eventCategory = try container.decode(String.self, forKey: .eventCategory)
    }

    /// Encodes the record with CloudTrail's member names; absent optionals are omitted.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventVersion, forKey: .eventVersion)
        try container.encode(userIdentity, forKey: .userIdentity)
        try container.encode(eventTime, forKey: .eventTime)
        try container.encode(eventSource, forKey: .eventSource)
        try container.encode(eventName, forKey: .eventName)
        try container.encode(awsRegion, forKey: .awsRegion)
        try container.encodeIfPresent(sourceIPAddress, forKey: .sourceIPAddress)
        try container.encodeIfPresent(userAgent, forKey: .userAgent)
        try container.encodeIfPresent(errorCode, forKey: .errorCode)
        try container.encodeIfPresent(errorMessage, forKey: .errorMessage)
        try container.encodeIfPresent(requestParameters, forKey: .requestParameters)
        try container.encodeIfPresent(responseElements, forKey: .responseElements)
        try container.encodeIfPresent(additionalEventData, forKey: .additionalEventData)
        try container.encode(requestID, forKey: .requestID)
        try container.encode(eventID.uuidString.lowercased(), forKey: .eventID)
        try container.encode(readOnly, forKey: .readOnly)
        try container.encodeIfPresent(resources, forKey: .resources)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(managementEvent, forKey: .managementEvent)
        try container.encode(recipientAccountId, forKey: .recipientAccountId)
        try container.encode(eventCategory, forKey: .eventCategory)
    }
}
