extension BuiltInReplyTemplates {
    /// The Arabic acknowledgement (the English text follows it in the same message).
    static let arabic = #"""
{{#name}}{{#isEmbassy}}السادة {{name}} المحترمون،{{/isEmbassy}}{{^isEmbassy}}عزيزي/عزيزتي {{name}}،{{/isEmbassy}}{{/name}}{{^name}}السادة المحترمون،{{/name}}

{{#isFirst}}
نشكركم على طلب الرأي الطبي الثاني{{#isEmbassy}} لمريضكم{{/isEmbassy}}. الرقم المرجعي لملفكم هو {{caseId}}. يُرجى ذكره في عنوان أي رسالة ترسلونها إلينا بخصوص هذا الطلب.
{{/isFirst}}
{{#isConfirmation}}
نشكركم على اختيار موعد الاتصال. الرقم المرجعي لملفكم هو {{caseId}}.
{{/isConfirmation}}
{{#isFollowUp}}
{{^isConfirmation}}
نشكركم على رسالتكم. لقد أضفناها إلى ملفكم ذي الرقم المرجعي {{caseId}}.
{{/isConfirmation}}
{{/isFollowUp}}

{{#hasAccepted}}
# {{#isFirst}}ما استلمناه{{/isFirst}}{{#isFollowUp}}ما أضفناه إلى ملفكم{{/isFollowUp}}
{{#accepted}}
- {{name}}{{#role.report}} (تقرير طبي){{/role.report}}{{#role.image}} (صورة){{/role.image}}{{#role.letter}} (خطاب ضمان){{/role.letter}}{{#role.other}} (مستند){{/role.other}}
{{/accepted}}
{{/hasAccepted}}
{{#noFiles}}
لم نستلم أي ملفات مع طلبكم.
{{/noFiles}}

{{#hasRejected}}
# ملفات لم نتمكن من قبولها
{{#rejected}}
- {{name}}: {{#why.tooLarge}}حجم الملف كبير جدًا؛ يجب أن يكون كل ملف أصغر من {{maxFileSize}}. يُرجى إرسال نسخة أصغر (مثلًا ملف PDF ممسوح بدقة أقل، أو المستند على عدة أجزاء).{{/why.tooLarge}}{{#why.heic}}هذه صورة من جهاز iPhone بصيغة HEIC لا يمكننا فتحها. يُرجى إعادة إرسالها بصيغة JPG.{{/why.heic}}{{#why.dicom}}هذا فحص بصيغة DICOM (ملفات قرص المستشفى CD أو DVD) ولا يمكن إرساله بالبريد الإلكتروني. يُرجى الاحتفاظ بالقرص والاتصال بالرقم {{clinic.imagesPhone}} لنرتب معكم إرساله إلينا.{{/why.dicom}}{{#why.otherType}}لا يمكننا قبول هذا النوع من الملفات. يُرجى إرسال المستندات بصيغة PDF أو Word، والصور بصيغة JPG أو PNG.{{/why.otherType}}{{#why.typeMismatch}}محتوى الملف لا يطابق اسمه، لذلك لم نتمكن من فتحه بأمان. يُرجى إعادة إرسال المستند محفوظًا بصيغة PDF.{{/why.typeMismatch}}{{#why.overImageLimit}}نقبل ما لا يزيد على {{maxImages}} صور عبر البريد الإلكتروني، وقد احتفظنا بأول {{maxImages}} صور (انظر قسم الصور أدناه).{{/why.overImageLimit}}{{#why.empty}}الملف فارغ. يُرجى إرفاقه مرة أخرى.{{/why.empty}}{{#why.brokenImage}}لم نتمكن من فتح هذه الصورة، إذ تبدو تالفة أو غير مكتملة. يُرجى إعادة إرسالها؛ وإذا كانت من قرص المستشفى، فاتصلوا بالرقم {{clinic.imagesPhone}} لإرسال القرص إلينا.{{/why.brokenImage}}{{#why.unreadable}}{{^why.brokenImage}}لم نتمكن من فتح الملف (قد يكون تالفًا أو محميًا بكلمة مرور). يُرجى إعادة إرساله دون كلمة مرور.{{/why.brokenImage}}{{/why.unreadable}}{{#why.duplicate}}هذا الملف نسخة من ملف لدينا بالفعل، فلا حاجة لأي إجراء.{{/why.duplicate}}{{#why.infected}}اكتشف برنامج مكافحة الفيروسات لدينا مشكلة في هذا الملف، لذلك لم نحتفظ به. يُرجى فحص جهازكم وإرسال نسخة سليمة.{{/why.infected}}
{{/rejected}}
{{/hasRejected}}

{{^isConfirmation}}
{{#missing.any}}
# ما زلنا بحاجة إليه
{{#missing.description}}
- وصف موجز للحالة الصحية والسؤال الذي تودون أن يجيب عنه الطبيب الاستشاري: يُرجى كتابته في رد على هذه الرسالة.
{{/missing.description}}
{{#missing.report}}
- التقارير أو السجلات الطبية (مثل رسالة من المستشفى أو ملخص الخروج أو نتائج الفحوصات)، بصيغة PDF أو Word أو صور واضحة، حجم كل منها أقل من {{maxFileSize}}: يُرجى إرفاقها برد على هذه الرسالة.
{{/missing.report}}
{{#missing.images}}
- الصور التي ذكرتموها: حتى {{maxImages}} صور (JPG أو PNG أو GIF، أو ملف zip يضمها)، حجم كل منها أقل من {{maxFileSize}}، مرفقة برد على هذه الرسالة. أما الفحوصات المحفوظة على قرص، فيُرجى الاتصال بالرقم {{clinic.imagesPhone}}.
{{/missing.images}}
{{#missing.terms}}
- موافقتكم على الشروط والأحكام المتاحة على الرابط {{clinic.termsURL}}: يُرجى الرد بعبارة «أوافق على الشروط والأحكام».
{{/missing.terms}}
{{#missing.letter}}
- خطاب ضمان من السفارة أو الجهة الصحية الراعية (انظر أدناه).
{{/missing.letter}}
{{#missing.contact}}
- الطريقة التي تفضلون أن نتواصل معكم بها: بالهاتف (مع ذكر الرقم ورمز الدولة) أو بالبريد الإلكتروني.
{{/missing.contact}}
{{/missing.any}}
{{^missing.any}}
{{#isFollowUp}}
اكتمل طلبكم الآن: لدينا كل ما نحتاج إليه.
{{/isFollowUp}}
{{/missing.any}}

{{#sponsor.letterRequired}}
# خطاب الضمان
بما أن الرأي الطبي على نفقة جهة راعية، فإننا نحتاج إلى خطاب ضمان قبل ترتيبه. ينبغي أن يكون الخطاب على الورق الرسمي للسفارة أو الجهة الصحية، وأن يذكر اسم المريض (مع تاريخ ميلاده أو رقم جواز سفره)، وأن ينص على أن الجهة الراعية ستتحمل تكلفة الرأي الطبي الثاني لدى {{clinic.name}}، وأن يكون موقّعًا ومختومًا من موظف مخوَّل. يُرجى إرفاقه (بصيغة PDF أو صورة واضحة) برد على هذه الرسالة. سنرتب الرأي الطبي فور وصوله.
{{/sponsor.letterRequired}}

# الخدمة
بحسب ما أرسلتموه، تطلبون {{#service.recordsReview}}مراجعة السجلات الطبية{{/service.recordsReview}}{{#service.recordsAndImagesReview}}مراجعة السجلات الطبية والصور{{/service.recordsAndImagesReview}}، ابتداءً من {{service.price}}.
خدماتنا: مراجعة السجلات ابتداءً من {{service.recordsPrice}}؛ مراجعة السجلات والصور ابتداءً من {{service.recordsAndImagesPrice}}.

{{#images.mentionPhone}}
# الصور
{{#images.requested}}
تشمل مراجعة الصور مجموعة واحدة من الصور.
{{/images.requested}}
{{#images.overLimit}}
أرسلتم أكثر من {{maxImages}} صور: احتفظنا بأول {{maxImages}} صور، وسيتواصل معكم أحد أعضاء فريقنا لترتيب إرسال البقية.
{{/images.overLimit}}
إذا كانت لديكم أكثر من مجموعة صور، أو كانت الفحوصات على قرص CD أو DVD، يُرجى الاتصال بالرقم {{clinic.imagesPhone}} لترتيب إرسالها. يُرجى عدم إرسال ملفات القرص بالبريد الإلكتروني.
{{/images.mentionPhone}}
{{/isConfirmation}}

# الخطوات التالية
{{#callback.change.moved}}
بناءً على طلبكم، غيّرنا موعد الاتصال{{#callback.change.previous}} الذي كان يوم {{day}} من الساعة {{from}} إلى الساعة {{to}}{{/callback.change.previous}}.
{{/callback.change.moved}}
{{#callback.change.cancelled}}
بناءً على طلبكم، ألغينا الاتصال{{#callback.change.previous}} المحدد يوم {{day}} من الساعة {{from}} إلى الساعة {{to}} (بتوقيت لندن){{/callback.change.previous}}. سيتواصل معكم أحد الإداريين لتأكيد ما ترغبون فيه بعد ذلك.
{{/callback.change.cancelled}}
{{#callback.change.toArrange}}
بناءً على طلبكم، لن نتصل بكم في الموعد المحدد سابقاً{{#callback.change.previous}} (يوم {{day}} من الساعة {{from}} إلى الساعة {{to}} بتوقيت لندن){{/callback.change.previous}}. سيتواصل معكم أحد الإداريين للاتفاق على موعد جديد{{#callback.hasSlots}}، ويمكنكم أيضاً الرد برقم إحدى الفترات أدناه{{/callback.hasSlots}}.
{{/callback.change.toArrange}}
{{#callback.change.choiceUnclear}}
لم نتمكن من معرفة الفترة التي اخترتموها من ردكم (فهو يناسب أكثر من فترة، أو فترة انقضت)، لذلك لم يُحجز أي موعد بعد.{{#callback.hasSlots}} يُرجى الرد برقم إحدى الفترات أدناه فقط.{{/callback.hasSlots}}
{{/callback.change.choiceUnclear}}
{{#callback.booked}}
سيتصل بكم أحد الإداريين يوم {{day}} بين الساعة {{from}} والساعة {{to}} (بتوقيت لندن{{#own}}؛ {{own}} بتوقيتكم{{/own}})، وهو الموعد الذي اخترتموه.
{{/callback.booked}}
{{^callback.booked}}
سيتصل بكم أحد الإداريين في موعد أقصاه نهاية يوم {{callback.dueDay}} (خلال ساعات العمل بتوقيت لندن، {{callback.officeHours}}).
{{/callback.booked}}
{{^isConfirmation}}
سيراجع معكم طلبكم ويتلقى الدفع بالبطاقة عبر الهاتف، ثم يُرسل إليكم تقرير الطبيب الاستشاري بالبريد الإلكتروني وبالبريد العادي خلال خمسة أيام عمل من الدفع.
{{/isConfirmation}}
{{#callback.hasSlots}}

إذا رغبتم في أن يكون الاتصال في وقت محدد، فيُرجى الرد برقم إحدى الفترات التالية (بتوقيت لندن{{#callback.ownZone}}؛ وبين القوسين بتوقيتكم، {{callback.ownZone}}{{/callback.ownZone}}):
{{#callback.slots}}
{{number}}. {{day}}، من {{from}} إلى {{to}}{{#own}} ({{own}}){{/own}}
{{/callback.slots}}
{{/callback.hasSlots}}
{{#callback.requested}}

طلبتم أن نتصل بكم: «{{callback.requested}}». سنبذل قصارى جهدنا للاتصال بكم في ذلك الوقت.
{{/callback.requested}}

# استفسارات
لأي استفسار، يُرجى الاتصال بنا على الرقم {{clinic.phone}}، أو الرد على هذه الرسالة مع الإبقاء على {{caseId}} في العنوان.

كل ما ترسلونه إلينا سري: لا يطّلع عليه إلا موظفونا والأطباء الاستشاريون الذين يراجعون ملفكم.

هذه رسالة إشعار تلقائية، وسيتواصل معكم أحد أعضاء فريقنا.

مع خالص التحية،
فريق الرأي الطبي الثاني
{{clinic.name}}
"""#
}
