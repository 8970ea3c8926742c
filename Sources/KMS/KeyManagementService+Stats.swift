public import KMSQuota

extension KeyManagementService {
    /// Every operation name the service serves, as in `X-Amz-Target: TrentService.<Name>`.
    ///
    /// Callers that label metrics by operation use it to keep unknown names out of their labels.
    public static let operationNames: Set<String> = Set(KMSOperation.allCases.map(\.rawValue))

    /// The requests counted since the service was opened, by operation and caller channel; labels with no
    /// request are left out. Cheap: one atomic load per label.
    public func requestCounts() -> [KMSRequestCount] {
        counters.snapshot()
    }
}

extension KeyManagementService {
    /// The request quotas: each family's limit per second (0 for none) and the decisions made so far.
    public func quotaUsage() -> (limits: QuotaConfiguration, decisions: QuotaSnapshot) {
        (quotas.configuration, quotas.snapshot())
    }
}
