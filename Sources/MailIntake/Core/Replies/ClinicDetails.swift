/// What the replies tell people about the clinic (`[clinic]` of the configuration).
///
/// Every value is written into the acknowledgement verbatim where it applies: the questions
/// phone in every reply, the images phone whenever images are to be arranged or a disc is
/// mentioned, the terms URL whenever the terms are not yet confirmed.
public struct ClinicDetails: Sendable, Hashable {
    /// The clinic's name, as it signs its replies.
    public var name: String
    /// For questions about the service.
    public var phone: String
    /// For images on a disc or several sets of images.
    public var imagesPhone: String
    /// The terms and conditions the requester must confirm.
    public var termsURL: String
    /// Administrators who take callbacks: how many requesters may be offered the same window.
    public var administrators: Int

    public init(
        name: String = ClinicDetails.defaultName, phone: String = ClinicDetails.defaultPhone,
        imagesPhone: String = ClinicDetails.defaultImagesPhone, termsURL: String = ClinicDetails.defaultTermsURL,
        administrators: Int = 2
    ) {
        self.name = name
        self.phone = phone
        self.imagesPhone = imagesPhone
        self.termsURL = termsURL
        self.administrators = administrators
    }

    public static let defaultName = "The London Clinic"
    public static let defaultPhone = "0203 219 2557"
    public static let defaultImagesPhone = "0203 219 3557"
    public static let defaultTermsURL = "https://clinic.example/smo-terms.pdf"
}
