extension Cluster {
    /// True when the condition has `status` and was computed from the current spec (`observedGeneration`
    /// equals `metadata.generation`), which is how `ocpctl wait --for=condition=…` decides.
    public func hasCondition(_ type: String, status: ConditionStatus = .true) -> Bool {
        guard let condition = self.status?.conditions.condition(type) else { return false }
        let generation = metadata.generation ?? 1
        return condition.status == status && condition.observedGeneration == generation && self.status?.observedGeneration == generation
    }

    /// Ready=True for the current generation.
    public var isReady: Bool { hasCondition(ConditionType.ready) }
}
