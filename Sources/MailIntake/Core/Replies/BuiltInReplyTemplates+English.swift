extension BuiltInReplyTemplates {
    /// The English acknowledgement (also the text below the French and Arabic ones).
    static let english = #"""
{{#name}}Dear {{name}},{{/name}}{{^name}}Dear Sir or Madam,{{/name}}

{{#isFirst}}
Thank you for your request for a second medical opinion{{#isEmbassy}} on behalf of your patient{{/isEmbassy}}. Your case reference is {{caseId}}. Please keep it in the subject line whenever you write to us about this request.
{{/isFirst}}
{{#isConfirmation}}
Thank you for choosing a time for your call. Your case reference is {{caseId}}.
{{/isConfirmation}}
{{#isFollowUp}}
{{^isConfirmation}}
Thank you for your message. We have added it to your case, reference {{caseId}}.
{{/isConfirmation}}
{{/isFollowUp}}

{{#hasAccepted}}
# {{#isFirst}}What we received{{/isFirst}}{{#isFollowUp}}What we added to your case{{/isFollowUp}}
{{#accepted}}
- {{name}}{{#role.report}} (medical report){{/role.report}}{{#role.image}} (image){{/role.image}}{{#role.letter}} (letter of guarantee){{/role.letter}}{{#role.other}} (document){{/role.other}}
{{/accepted}}
{{/hasAccepted}}
{{#noFiles}}
We did not receive any files with your request.
{{/noFiles}}

{{#hasRejected}}
# Files we could not accept
{{#rejected}}
- {{name}}: {{#why.tooLarge}}the file is too large; each file must be smaller than {{maxFileSize}}. Please send a smaller copy (for example a PDF scanned at a lower resolution, or the document in several parts).{{/why.tooLarge}}{{#why.heic}}this is an iPhone photo in HEIC format, which we cannot open. Please send it again as a JPG picture.{{/why.heic}}{{#why.dicom}}this is a scan in DICOM format (the files on a hospital CD or DVD), which cannot be sent by email. Please keep the disc and call {{clinic.imagesPhone}}: we will arrange for you to send it to us.{{/why.dicom}}{{#why.otherType}}we cannot accept this type of file. Please send documents as PDF or Word files, and pictures as JPG or PNG.{{/why.otherType}}{{#why.typeMismatch}}the file's content does not match its name, so we could not open it safely. Please send the document again, saved as a PDF.{{/why.typeMismatch}}{{#why.overImageLimit}}we can accept up to {{maxImages}} images by email and have kept the first {{maxImages}} (see Images below).{{/why.overImageLimit}}{{#why.empty}}the file was empty. Please attach it again.{{/why.empty}}{{#why.brokenImage}}we could not open this image: it looks damaged or incomplete. Please send it again; if it comes from a hospital disc, call {{clinic.imagesPhone}} to send us the disc instead.{{/why.brokenImage}}{{#why.unreadable}}{{^why.brokenImage}}we could not open the file (it may be damaged or protected by a password). Please send it again without a password.{{/why.brokenImage}}{{/why.unreadable}}{{#why.duplicate}}it is a copy of a file we already have, so there is nothing more to do.{{/why.duplicate}}{{#why.infected}}our virus scanner found a problem with it, so it was not kept. Please check your computer and send a clean copy.{{/why.infected}}
{{/rejected}}
{{/hasRejected}}

{{^isConfirmation}}
{{#missing.any}}
# What we still need
{{#missing.description}}
- A short description of the medical condition and the question you would like the specialist to answer: please write it in a reply to this email.
{{/missing.description}}
{{#missing.report}}
- Your medical reports or records (for example a hospital letter, a discharge summary or test results), as PDF or Word files or clear photos, each smaller than {{maxFileSize}}: please attach them to a reply to this email.
{{/missing.report}}
{{#missing.images}}
- The images you mentioned: up to {{maxImages}} pictures (JPG, PNG or GIF, or one zip of them), each smaller than {{maxFileSize}}, attached to a reply. For scans on a disc, call {{clinic.imagesPhone}}.
{{/missing.images}}
{{#missing.terms}}
- Your agreement to our terms and conditions, which you can read at {{clinic.termsURL}}: please reply with the words "I accept the terms and conditions".
{{/missing.terms}}
{{#missing.letter}}
- A letter of guarantee from the sponsoring embassy or health office (see below).
{{/missing.letter}}
{{#missing.contact}}
- How you would prefer us to contact you: by phone (please give the number, with the country code) or by email.
{{/missing.contact}}
{{/missing.any}}
{{^missing.any}}
{{#isFollowUp}}
Your request is now complete: we have everything we need.
{{/isFollowUp}}
{{/missing.any}}

{{#sponsor.letterRequired}}
# Letter of guarantee
As the opinion is sponsored, we need a letter of guarantee before it can be arranged. The letter should be on the letterhead of the embassy or health office, name the patient (with their date of birth or passport number), say that the sponsor will pay for a second medical opinion at {{clinic.name}}, and be signed and stamped by an authorised officer. Please attach it (as a PDF or a clear photo) to a reply to this email. We will arrange the opinion as soon as it has arrived.
{{/sponsor.letterRequired}}

# The service
From what you sent, you are asking for a {{#service.recordsReview}}review of medical records{{/service.recordsReview}}{{#service.recordsAndImagesReview}}review of medical records and images{{/service.recordsAndImagesReview}}, from {{service.price}}.
Our services: records review from {{service.recordsPrice}}; records and images review from {{service.recordsAndImagesPrice}}.

{{#images.mentionPhone}}
# Images
{{#images.requested}}
The images review includes one set of images.
{{/images.requested}}
{{#images.overLimit}}
You sent more than {{maxImages}} images: we have kept the first {{maxImages}}, and a member of our team will contact you to arrange the rest.
{{/images.overLimit}}
If you have more than one set of images, or your scans are on a CD or DVD, please call {{clinic.imagesPhone}} to arrange sending them. Please do not email files from a disc.
{{/images.mentionPhone}}
{{/isConfirmation}}

# What happens next
{{#callback.change.moved}}
As you asked, we have moved your call{{#callback.change.previous}} from {{day}}, {{from}} to {{to}}{{/callback.change.previous}}.
{{/callback.change.moved}}
{{#callback.change.cancelled}}
As you asked, we have cancelled the call{{#callback.change.previous}} booked for {{day}}, {{from}} to {{to}} (London time){{/callback.change.previous}}. An administrator will contact you to confirm what you would like to do next.
{{/callback.change.cancelled}}
{{#callback.change.toArrange}}
As you asked, we will not call you at the time booked before{{#callback.change.previous}} ({{day}}, {{from}} to {{to}}, London time){{/callback.change.previous}}. An administrator will contact you to agree a new time{{#callback.hasSlots}}; you can also reply with the number of one of the windows below{{/callback.hasSlots}}.
{{/callback.change.toArrange}}
{{#callback.change.choiceUnclear}}
We could not tell from your reply which window you chose (it fits more than one, or one that has passed), so no time is booked yet.{{#callback.hasSlots}} Please reply with just the number of one of the windows below.{{/callback.hasSlots}}
{{/callback.change.choiceUnclear}}
{{#callback.booked}}
An administrator will call you on {{day}} between {{from}} and {{to}} (London time{{#own}}; {{own}} in your time{{/own}}), the time you chose.
{{/callback.booked}}
{{^callback.booked}}
An administrator will call you by the end of {{callback.dueDay}} (London office hours, {{callback.officeHours}}).
{{/callback.booked}}
{{^isConfirmation}}
They will go through your request with you and take payment by card over the phone. The specialist's report is then sent to you by email and by post within five working days of payment.
{{/isConfirmation}}
{{#callback.hasSlots}}

If you would like the call at a particular time, reply with the number of one of these windows (London time{{#callback.ownZone}}; in brackets, your time, {{callback.ownZone}}{{/callback.ownZone}}):
{{#callback.slots}}
{{number}}. {{day}}, {{from}} to {{to}}{{#own}} ({{own}}){{/own}}
{{/callback.slots}}
{{/callback.hasSlots}}
{{#callback.requested}}

You asked us to call: "{{callback.requested}}". We will do our best to call you then.
{{/callback.requested}}

# Questions
If you have any questions, please call us on {{clinic.phone}}, or reply to this email keeping {{caseId}} in the subject.

Everything you send us is confidential: it is seen only by our staff and the specialists who review your case.

This is an automatic acknowledgement; a member of our team will be in touch.

Kind regards,
The Second Medical Opinion team
{{clinic.name}}
"""#
}
