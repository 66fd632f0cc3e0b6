extension BuiltInReplyTemplates {
    /// The French acknowledgement (the English text follows it in the same message).
    static let french = #"""
{{#name}}Madame, Monsieur ({{name}}),{{/name}}{{^name}}Madame, Monsieur,{{/name}}

{{#isFirst}}
Nous vous remercions de votre demande de second avis médical{{#isEmbassy}} pour votre patient{{/isEmbassy}}. La référence de votre dossier est {{caseId}}. Merci de la conserver dans l'objet de tout message concernant cette demande.
{{/isFirst}}
{{#isConfirmation}}
Merci d'avoir choisi l'heure de votre appel. La référence de votre dossier est {{caseId}}.
{{/isConfirmation}}
{{#isFollowUp}}
{{^isConfirmation}}
Merci de votre message. Nous l'avons ajouté à votre dossier, référence {{caseId}}.
{{/isConfirmation}}
{{/isFollowUp}}

{{#hasAccepted}}
# {{#isFirst}}Ce que nous avons reçu{{/isFirst}}{{#isFollowUp}}Ce que nous avons ajouté à votre dossier{{/isFollowUp}}
{{#accepted}}
- {{name}}{{#role.report}} (compte rendu médical){{/role.report}}{{#role.image}} (image){{/role.image}}{{#role.letter}} (lettre de garantie){{/role.letter}}{{#role.other}} (document){{/role.other}}
{{/accepted}}
{{/hasAccepted}}
{{#noFiles}}
Nous n'avons reçu aucun fichier avec votre demande.
{{/noFiles}}

{{#hasRejected}}
# Fichiers que nous n'avons pas pu accepter
{{#rejected}}
- {{name}} : {{#why.tooLarge}}le fichier est trop volumineux ; chaque fichier doit faire moins de {{maxFileSize}}. Merci d'en envoyer une copie plus légère (par exemple un PDF numérisé en résolution plus basse, ou le document en plusieurs parties).{{/why.tooLarge}}{{#why.heic}}il s'agit d'une photo d'iPhone au format HEIC, que nous ne pouvons pas ouvrir. Merci de la renvoyer au format JPG.{{/why.heic}}{{#why.dicom}}il s'agit d'un examen au format DICOM (les fichiers d'un CD ou DVD d'hôpital), qui ne peut pas être envoyé par e-mail. Merci de conserver le disque et d'appeler le {{clinic.imagesPhone}} : nous organiserons son envoi.{{/why.dicom}}{{#why.otherType}}nous ne pouvons pas accepter ce type de fichier. Merci d'envoyer les documents en PDF ou Word, et les images en JPG ou PNG.{{/why.otherType}}{{#why.typeMismatch}}le contenu du fichier ne correspond pas à son nom ; nous n'avons donc pas pu l'ouvrir en toute sécurité. Merci de renvoyer le document enregistré en PDF.{{/why.typeMismatch}}{{#why.overImageLimit}}nous acceptons au plus {{maxImages}} images par e-mail et avons conservé les {{maxImages}} premières (voir « Images » ci-dessous).{{/why.overImageLimit}}{{#why.empty}}le fichier était vide. Merci de le joindre à nouveau.{{/why.empty}}{{#why.brokenImage}}nous n'avons pas pu ouvrir cette image : elle semble endommagée ou incomplète. Merci de la renvoyer ; si elle provient d'un disque d'hôpital, appelez le {{clinic.imagesPhone}} pour nous envoyer le disque.{{/why.brokenImage}}{{#why.unreadable}}{{^why.brokenImage}}nous n'avons pas pu ouvrir le fichier (il est peut-être endommagé ou protégé par un mot de passe). Merci de le renvoyer sans mot de passe.{{/why.brokenImage}}{{/why.unreadable}}{{#why.duplicate}}c'est une copie d'un fichier que nous avons déjà ; il n'y a rien d'autre à faire.{{/why.duplicate}}{{#why.infected}}notre antivirus y a détecté un problème ; il n'a pas été conservé. Merci de vérifier votre ordinateur et d'en envoyer une copie saine.{{/why.infected}}
{{/rejected}}
{{/hasRejected}}

{{^isConfirmation}}
{{#missing.any}}
# Ce qu'il nous manque
{{#missing.description}}
- Une courte description de l'état de santé et de la question posée au spécialiste : merci de l'écrire en réponse à cet e-mail.
{{/missing.description}}
{{#missing.report}}
- Vos comptes rendus ou dossiers médicaux (par exemple une lettre d'hôpital, un compte rendu de sortie ou des résultats d'examens), en PDF, Word ou photos nettes, de moins de {{maxFileSize}} chacun : merci de les joindre à une réponse à cet e-mail.
{{/missing.report}}
{{#missing.images}}
- Les images mentionnées : jusqu'à {{maxImages}} images (JPG, PNG ou GIF, ou un fichier zip les contenant), de moins de {{maxFileSize}} chacune, jointes à une réponse. Pour des examens sur disque, appelez le {{clinic.imagesPhone}}.
{{/missing.images}}
{{#missing.terms}}
- Votre accord sur nos conditions générales, consultables à l'adresse {{clinic.termsURL}} : merci de répondre par la phrase « J'accepte les conditions générales ».
{{/missing.terms}}
{{#missing.letter}}
- Une lettre de garantie de l'ambassade ou de l'organisme de santé qui prend en charge le patient (voir ci-dessous).
{{/missing.letter}}
{{#missing.contact}}
- Comment vous préférez être contacté : par téléphone (merci d'indiquer le numéro, avec l'indicatif du pays) ou par e-mail.
{{/missing.contact}}
{{/missing.any}}
{{^missing.any}}
{{#isFollowUp}}
Votre demande est maintenant complète : nous avons tout ce qu'il nous faut.
{{/isFollowUp}}
{{/missing.any}}

{{#sponsor.letterRequired}}
# Lettre de garantie
La demande étant prise en charge, nous avons besoin d'une lettre de garantie avant de pouvoir organiser l'avis. La lettre doit être sur papier à en-tête de l'ambassade ou de l'organisme de santé, nommer le patient (avec sa date de naissance ou son numéro de passeport), indiquer que l'organisme prend en charge le coût d'un second avis médical à {{clinic.name}}, et être signée et tamponnée par une personne habilitée. Merci de la joindre (en PDF ou en photo nette) à une réponse à cet e-mail. Nous organiserons l'avis dès sa réception.
{{/sponsor.letterRequired}}

# La prestation
D'après votre envoi, vous demandez {{#service.recordsReview}}l'examen d'un dossier médical{{/service.recordsReview}}{{#service.recordsAndImagesReview}}l'examen d'un dossier médical et d'images{{/service.recordsAndImagesReview}}, à partir de {{service.price}}.
Nos prestations : examen du dossier à partir de {{service.recordsPrice}} ; examen du dossier et des images à partir de {{service.recordsAndImagesPrice}}.

{{#images.mentionPhone}}
# Images
{{#images.requested}}
L'examen des images comprend une série d'images.
{{/images.requested}}
{{#images.overLimit}}
Vous avez envoyé plus de {{maxImages}} images : nous avons conservé les {{maxImages}} premières, et un membre de notre équipe vous contactera pour organiser l'envoi des autres.
{{/images.overLimit}}
Si vous avez plusieurs séries d'images, ou si vos examens sont sur CD ou DVD, merci d'appeler le {{clinic.imagesPhone}} pour organiser leur envoi. N'envoyez pas par e-mail les fichiers d'un disque.
{{/images.mentionPhone}}
{{/isConfirmation}}

# La suite
{{#callback.change.moved}}
Comme vous l'avez demandé, nous avons déplacé votre appel{{#callback.change.previous}}, prévu le {{day}} de {{from}} à {{to}}{{/callback.change.previous}}.
{{/callback.change.moved}}
{{#callback.change.cancelled}}
Comme vous l'avez demandé, nous avons annulé l'appel{{#callback.change.previous}} prévu le {{day}} de {{from}} à {{to}} (heure de Londres){{/callback.change.previous}}. Un conseiller vous contactera pour convenir de la suite.
{{/callback.change.cancelled}}
{{#callback.change.toArrange}}
Comme vous l'avez demandé, nous ne vous appellerons pas à l'heure prévue{{#callback.change.previous}} (le {{day}} de {{from}} à {{to}}, heure de Londres){{/callback.change.previous}}. Un conseiller vous contactera pour convenir d'une nouvelle heure{{#callback.hasSlots}} ; vous pouvez aussi répondre avec le numéro de l'un des créneaux ci-dessous{{/callback.hasSlots}}.
{{/callback.change.toArrange}}
{{#callback.change.choiceUnclear}}
Votre réponse ne nous permet pas de savoir quel créneau vous avez choisi (elle correspond à plusieurs créneaux, ou à un créneau déjà passé) : aucun rendez-vous n'est donc encore fixé.{{#callback.hasSlots}} Merci de répondre simplement avec le numéro de l'un des créneaux ci-dessous.{{/callback.hasSlots}}
{{/callback.change.choiceUnclear}}
{{#callback.booked}}
Un conseiller vous appellera le {{day}} entre {{from}} et {{to}} (heure de Londres{{#own}} ; {{own}} à votre heure{{/own}}), comme vous l'avez choisi.
{{/callback.booked}}
{{^callback.booked}}
Un conseiller vous appellera au plus tard le {{callback.dueDay}}, pendant les heures d'ouverture (heure de Londres, de {{callback.officeHours}}).
{{/callback.booked}}
{{^isConfirmation}}
Il fera le point sur votre demande avec vous et prendra le paiement par carte bancaire par téléphone. Le rapport du spécialiste vous est ensuite envoyé par e-mail et par courrier dans les cinq jours ouvrés suivant le paiement.
{{/isConfirmation}}
{{#callback.hasSlots}}

Si vous souhaitez être appelé à une heure précise, répondez avec le numéro de l'un de ces créneaux (heure de Londres{{#callback.ownZone}} ; entre parenthèses, votre heure, {{callback.ownZone}}{{/callback.ownZone}}) :
{{#callback.slots}}
{{number}}. {{day}}, de {{from}} à {{to}}{{#own}} ({{own}}){{/own}}
{{/callback.slots}}
{{/callback.hasSlots}}
{{#callback.requested}}

Vous nous avez demandé d'appeler : « {{callback.requested}} ». Nous ferons notre possible pour vous appeler à ce moment-là.
{{/callback.requested}}

# Questions
Pour toute question, appelez-nous au {{clinic.phone}}, ou répondez à cet e-mail en gardant {{caseId}} dans l'objet.

Tout ce que vous nous envoyez reste confidentiel : seuls notre personnel et les spécialistes qui examinent votre dossier y ont accès.

Ceci est un accusé de réception automatique ; un membre de notre équipe vous contactera.

Cordialement,
L'équipe Second avis médical
{{clinic.name}}
"""#
}
