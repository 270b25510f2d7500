/// Where a person agreed to be told: the channel they chose and the address for it.
public struct NotificationContact: Hashable, Sendable {
    public var channel: NotificationChannel
    /// An e-mail address, or a phone number of 10 digits starting with 0.
    public var address: String

    public init(channel: NotificationChannel, address: String) {
        self.channel = channel
        self.address = address
    }
}

extension Applicant {
    /// The contact the applicant consented to be told at, or nil: no channel chosen, or the
    /// address for it missing or not valid (the same checks as intake's).
    public var notificationContact: NotificationContact? {
        guard let channel = notifyBy else { return nil }
        let (clean, problems) = validated()
        switch channel {
        case .email:
            guard !clean.email.isEmpty, !problems.contains(.emailInvalid) else { return nil }
            return NotificationContact(channel: .email, address: clean.email)
        case .sms:
            guard !clean.phone.isEmpty, !problems.contains(.phoneInvalid) else { return nil }
            return NotificationContact(channel: .sms, address: clean.phone)
        }
    }
}
