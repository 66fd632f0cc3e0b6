/// The French table, written without accents (folding removes them from the text too):
/// "n'ai pas" is "n ai pas", "après-midi" "apres midi".
extension ReadingTables {
    static let frenchImagingNouns = "images|image|imageries|cliches|radios|radiographies|scanners|scanner|irm|coupes|films|examens"

    static let french: [PhraseTable.Line] = [
        // Imagerie.
        .init("irm|scanner|scanners|radio|radios|radiographie*|echographie*|imagerie|images|cliches|mammographie*|scintigraphie*|tdm|tep|pet_scan|radiolog*", .imaging),
        .init("compte_rendu|comptes_rendus|rapport|rapports|resultat|resultats de|d|du|de_l|de_la|des irm|scanner|radio|radios|echographie|imagerie|mammographie", .imagingReport),
        .init("dossier et ~ images|imagerie|radios|cliches|scanner|irm", .imaging),
        // Dossier seulement.
        .init("dossier|documents|rapports|comptes_rendus ~ seulement|uniquement|seul", .recordsOnly),
        .init("seulement|uniquement|juste ~ le|les|la|mon|ma|mes ~ dossier|documents|rapports|rapport|comptes_rendus|compte_rendu|lettre|lettres", .recordsOnly),
        .init("revue_du_dossier|examen_du_dossier|avis_sur_dossier|analyse_du_dossier|revue_de_dossier", .recordsOnly),
        // Contact : téléphone.
        .init("appelez|appeler|rappeler|rappelez|telephoner|telephonez|contacter|contactez ~ moi|m|me|nous", .contactPhone),
        .init("m|me|nous ~ appeler|appelez|rappeler|rappelez|telephoner|joindre", .contactPhone),
        .init("par|au ~ telephone|tel|portable|appel|appel_telephonique", .contactPhone),
        .init("prefer*|privilegi* ~ telephone|appel|tel|portable|appels", .contactPhone),
        .init("telephone|appel|tel ~ de_preference|prefere|preferable|svp|s_il_vous_plait|mieux", .contactPhone),
        .init("moyen_de_contact|mode_de_contact|contact_prefere|contact_privilegie ~ telephone|tel|appel|portable", .contactPhone),
        .init("whatsapp|pour_un_appel|un_appel|appel_telephonique|rappeler|rappelez", .contactPhone),
        // Contact : courriel.
        .init("par|via ~ mail|e_mail|email|courriel|courrier_electronique|ecrit|mails", .contactEmail),
        .init("prefer*|privilegi* ~ mail|e_mail|email|courriel|ecrit|l_ecrit", .contactEmail),
        .init("mail|e_mail|email|courriel ~ de_preference|prefere|preferable|svp|s_il_vous_plait|mieux", .contactEmail),
        .init("moyen_de_contact|mode_de_contact|contact_prefere|contact_privilegie ~ mail|e_mail|email|courriel", .contactEmail),
        .init("ecrivez|repondez ~ moi|nous", .contactEmail),
        .init("envoye|envoyee|envoyes|envoyees|envoyer|transmettre|transmis|transmises|joindre|partager ~ par|via ~ mail|e_mail|email|courriel", .sendingBy),
        .init("joignable|etre_appele|etre_appelee|etre_contacte_par_telephone|etre_contactee_par_telephone|appels", .contactPhone),
        .init("joignable ~ par|via ~ mail|e_mail|email|courriel", .contactEmail),
        .init("sourd|sourde|malentendant|malentendante", .contactEmail),
        // Lettre de garantie.
        .init("prise_en_charge|lettre_de_garantie|attestation_de_garantie|engagement_financier|garantie_financiere|garantie_de_paiement|lettre_d_engagement|accord_de_prise_en_charge", .guaranteeLetter),
        .init("lettre|attestation ~ de|d ~ prise_en_charge|garantie|engagement", .guaranteeLetter),
        .init("garantie", .guaranteeLetter),
        // Images à organiser.
        .init("reste|autres|suite|restantes|restants ~ \(frenchImagingNouns)", .moreImages),
        .init("voici|voila|ci_joint|ci_jointes|ci_joints ~ le_reste|les_autres|la_suite", .restSentNow),
        .init("le_reste|les_autres|la_suite|en_ai_d_autres|en_ai_plus|en_ai_encore|d_autres_images|d_autres_cliches", .moreImages),
        .init("ne ~ peux|pouvais|pu|peut ~ en ~ joindre|envoyer|mettre que", .moreImages),
        .init("plus|d_autres|autres ~ \(frenchImagingNouns)", .moreImages),
        .init("trop_lourd|trop_lourdes|trop_lourds|trop_volumineux|trop_volumineuses|trop_grand|trop_grandes|trop_nombreuses|trop_de", .moreImages),
        .init("pas_pu|impossible_d|impossible_de ~ envoyer|joindre|attacher ~ tout|toutes|tous|les_autres", .moreImages),
        .init("cd|cds|dvd|disque|cederom|cle_usb|usb|dicom|pacs|wetransfer|lien_de_telechargement", .disc),
        .init("deux|2|trois|3|plusieurs|differentes|deux_series|series ~ series|serie|examens|jeux", .severalSets),
        .init("une_autre|une_deuxieme|une_seconde|une_nouvelle|ancienne|ancien ~ serie|examen", .severalSets),
        .init("#|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt ~ \(frenchImagingNouns)", .imageCount),
        // Pour qui.
        .init("au_nom_de|de_la_part_de|pour_le_compte_de|j_ecris_pour|je_vous_ecris_pour", .onBehalf),
        .init("aidant|aidante|tuteur|tutrice|curateur", .onBehalf),
        .init("notre|nos|un_de_nos|une_de_nos ~ ressortissant|ressortissante|ressortissants|citoyen|citoyenne|compatriote|etudiant|etudiante", .relation("national")),
        .init("le|la ~ ressortissant|ressortissante|citoyen|citoyenne", .relation("national")),
        .init("nom_du_patient|nom_de_la_patiente|nom_du_malade|patient|patiente|m|mme|mr|madame|monsieur|mlle|ressortissant|ressortissante", .nameIntro),
        .init("s_appelle|il_s_appelle|elle_s_appelle|nomme|nommee", .nameIntro),
        .init("je_m_appelle|mon_nom_est|je_suis|moi_c_est", .selfName),
        // Souhaits de rappel.
        .init("appelez|appeler|rappeler|rappelez|joindre|contacter|telephoner ~ moi|m|me|nous", .callWish),
        .init("m|me|nous ~ appeler|rappeler|joindre|contacter|telephoner", .callWish),
        .init("disponible|disponibles|joignable|libre|libres|dispo|a_la_maison", .callWish),
        // Changement de rendez-vous.
        .init("plutot|a_la_place|deplacer|decaler|reporter|changer|modifier ~ rendez_vous|rdv|appel|creneau|horaire|heure", .moveBooking),
        .init("plutot|a_la_place|deplacer|decaler|reporter", .moveBooking),
        .init("autre ~ creneau|horaire|jour|moment|heure|date", .moveBooking),
        .init("ne ~ pourrai|peux|serai|suis ~ pas", .moveBooking),
        .init("annuler|annulez|annulation", .cancelBooking),
        // Négation.
        .init("pas|aucun|aucune|sans|jamais|ni|rien|non", .negation),
        .init("pas_seulement|non_seulement|n_hesitez_pas|sans_doute|pas_sur|pas_sure|pas_de_souci|pas_de_probleme", .notNegation),
    ]
}
