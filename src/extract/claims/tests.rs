//! The claim rules, each on sentences written for the purpose.

mod basics {
    use super::super::*;
    use crate::extract::{entities, figures};

    fn claims(text: &str) -> Vec<Attrs> {
        let doc = Doc::new(text);
        let figs = figures::find(&doc);
        let ents = entities::find(&doc, &entities::Knowledge::default());
        find(&doc, &figs, &ents, &[], None, None).into_iter().map(|c| c.attrs).collect()
    }

    #[test]
    fn claimant_what_who_side() {
        let c =
            claims("Le ministère de la Défense d'Azerbaïdjan a annoncé la mort de 550 soldats arméniens.");
        assert_eq!(c[0].claimant.as_deref(), Some("ministère azerbaïdjanais de la Défense"));
        assert_eq!(
            (c[0].what, c[0].who, c[0].side),
            (Some(What::Killed), Some(Who::Military), Party::parse("Arménie"))
        );
        let c = claims(
            "Selon les autorités séparatistes, 30 civils ont été tués. Chaque camp affirme avoir éliminé des milliers de soldats ennemis.",
        );
        assert_eq!(c[0].claimant.as_deref(), Some("autorités séparatistes"));
        assert_eq!(c[1].claimant.as_deref(), Some(EACH_SIDE));
        assert_eq!(c[1].side, Some(Party::BOTH));
        let c = claims("Plus de 400 morts, dont 22 civils arméniens, selon un bilan officiel.");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].claimant.as_deref(), Some(OFFICIAL));
        assert_eq!(c[1].side, Party::parse("Arménie"));
    }
}

mod rules {
    //! Each attribution and party rule on sentences written for the purpose.
    use super::super::*;
    use crate::extract::{entities, figures};

    fn claims(text: &str, outlet: Option<&str>) -> Vec<Attrs> {
        let doc = Doc::new(text);
        let figs = figures::find(&doc);
        let ents = entities::find(&doc, &entities::Knowledge::default());
        find(&doc, &figs, &ents, &[], None, outlet).into_iter().map(|c| c.attrs).collect()
    }

    fn party(name: &str) -> Option<Party> {
        Party::parse(name)
    }

    #[test]
    fn a_place_speaks_through_its_authorities() {
        let c = claims("Kyiv says 14 civilians were killed in the shelling of Kharkiv.", None);
        assert_eq!(c[0].claimant.as_deref(), Some("autorités ukrainiennes"));
        assert_eq!(c[0].side, party("Ukraine"));
        let c = claims("Selon Moscou, 30 soldats ukrainiens ont été tués.", None);
        assert_eq!(c[0].claimant.as_deref(), Some("autorités russes"));
        assert_eq!(c[0].side, party("Ukraine"));
    }

    #[test]
    fn english_bodies_get_french_names() {
        let c = claims("Israel's military said 12 Hezbollah fighters were killed overnight.", None);
        assert_eq!(c[0].claimant.as_deref(), Some("armée israélienne"));
        assert_eq!(c[0].side, party("Hezbollah"));
        assert_eq!(c[0].who, Some(Who::Military));
    }

    #[test]
    fn after_a_quotation_the_speaker_is_named() {
        let c = claims("« Nous avons compté 23 morts », a déclaré le maire de la ville, Paul Kamara.", None);
        assert_eq!(c[0].claimant.as_deref(), Some("Paul Kamara"));
    }

    #[test]
    fn a_pronoun_is_the_speaker_last_named() {
        let text =
            "Le gouverneur Ali Hassan a pris la parole mardi. Selon lui, 40 civils soudanais ont été tués.";
        let c = claims(text, None);
        assert_eq!(c[0].claimant.as_deref(), Some("Ali Hassan"));
        assert_eq!(c[0].side, party("Soudan"));
    }

    #[test]
    fn a_report_goes_on_in_the_next_sentence() {
        let text = "Les sources sécuritaires ont annoncé la mort de 12 soldats maliens. \
                    Une dizaine d'autres ont été blessés dans l'embuscade.";
        let c = claims(text, Some("AFP"));
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].claimant.as_deref(), Some("sources sécuritaires"));
    }

    #[test]
    fn nobody_named_is_the_outlet_or_unattributed() {
        let c = claims("Plus de 300 morts ont été recensés depuis le début de l'année.", Some("Reuters"));
        assert_eq!(c[0].claimant.as_deref(), Some("Reuters"));
        let c = claims("Des centaines de civils ont fui les combats.", None);
        assert_eq!(c[0].claimant.as_deref(), Some(UNATTRIBUTED));
    }

    #[test]
    fn each_side_and_both_sides() {
        let c = claims("Selon l'ONU, plus de 2.000 soldats ont été tués de chaque côté.", None);
        assert_eq!((c[0].side, c[0].scope), (Some(Party::BOTH), Some(Scope::Each)));
        let c = claims("The UN says 500 people were killed on both sides.", None);
        assert_eq!((c[0].side, c[0].scope), (Some(Party::BOTH), Some(Scope::Total)));
    }

    #[test]
    fn own_losses_and_enemy_losses() {
        let text = "L'armée russe a reconnu la mort de 45 de ses militaires. Le ministère ukrainien de la Défense \
                    affirme avoir détruit 12 chars.";
        let c = claims(text, None);
        assert_eq!(c[0].side, party("Russie"));
        assert_eq!(c[1].what, Some(What::Equipment));
        assert_eq!(c[1].side, party("Russie"), "equipment destroyed is the other party's");
    }

    #[test]
    fn a_denied_figure_names_its_denier() {
        let c = claims("Moscou affirme avoir tué 200 soldats ukrainiens, un chiffre démenti par Kyiv.", None);
        assert_eq!(c[0].denied_by.as_deref(), Some("autorités ukrainiennes"));
        assert_eq!(c[0].side, party("Ukraine"));
    }

    #[test]
    fn killed_or_wounded_are_casualties_and_a_place_gives_the_party() {
        let c = claims("Selon la police, 35 civils ont été tués ou blessés.", None);
        assert_eq!(c[0].what, Some(What::Casualties));
        let c = claims("Selon les autorités, 12 civils ont été tués en Somalie.", None);
        assert_eq!(c[0].side, party("Somalie"));
    }

    #[test]
    fn a_body_by_its_acronym_and_a_group_by_its_anaphor() {
        let text = "Selon le Réseau malien des droits humains (RMDH), au moins 30 villageois ont été tués.";
        assert_eq!(claims(text, None)[0].claimant.as_deref(), Some("RMDH"));
        let text = "Le Hamas a tenu une conférence samedi. Trois otages sont morts, a annoncé le mouvement islamiste.";
        assert_eq!(claims(text, None)[0].claimant.as_deref(), Some("Hamas"));
    }

    #[test]
    fn an_inverted_verb_has_its_subject_after_it() {
        let text = "Sept civils ont été tués près de la frontière avec la Russie, ont déclaré des responsables ukrainiens.";
        assert_eq!(claims(text, None)[0].claimant.as_deref(), Some("autorités ukrainiennes"));
    }

    #[test]
    fn an_unnamed_official_is_the_one_named_next() {
        let text = "L'attaque a fait 12 morts, a déclaré un responsable local. «Nous avons enterré les victimes», \
                    a déclaré le chef du district Amadou Traoré Diallo.";
        assert_eq!(claims(text, None)[0].claimant.as_deref(), Some("Amadou Traoré Diallo"));
    }

    #[test]
    fn armed_groups_and_unnamed_attackers_are_parties() {
        let c = claims("L'armée nigériane a annoncé avoir tué 40 combattants de Boko Haram.", None);
        assert_eq!(c[0].side, party("Boko Haram"));
        let c = claims("Selon l'armée nigérienne, 30 terroristes ont été neutralisés.", None);
        assert_eq!(c[0].side, party("assaillants"));
    }
}

mod more_rules {
    //! Attribution rules added later, each on a sentence written for it.
    use super::super::*;
    use crate::extract::{entities, figures};

    fn claimants(text: &str, outlet: Option<&str>) -> Vec<String> {
        let doc = Doc::new(text);
        let figs = figures::find(&doc);
        let ents = entities::find(&doc, &entities::Knowledge::default());
        find(&doc, &figs, &ents, &[], None, outlet).into_iter().filter_map(|c| c.attrs.claimant).collect()
    }

    #[test]
    fn whoever_is_told_is_not_the_speaker() {
        let text = "\"They shot five of my men,\" Captain Marcel Dubois told Reuters on Monday.";
        assert_eq!(claimants(text, Some("Al Jazeera")), ["Marcel Dubois"]);
    }

    #[test]
    fn an_inverted_clitic_is_the_subject() {
        let text = "Le maire Paul Kamara a parlé aux habitants. Douze personnes sont mortes pendant \
                    l'assaut des rebelles, a-t-il précisé.";
        assert_eq!(claimants(text, Some("AFP")), ["Paul Kamara"]);
    }

    #[test]
    fn a_spokesperson_in_apposition_speaks_for_the_group() {
        let text =
            "Ali Farah, the Houthis' military spokesman, told reporters his fighters killed 9 soldiers.";
        assert_eq!(claimants(text, None), ["Houthis"]);
    }

    #[test]
    fn an_english_source_before_its_modifiers() {
        let text = "Nine people died in the blast, a health official working at the hospital said.";
        assert_eq!(claimants(text, Some("AP")), ["responsable sanitaire"]);
    }

    #[test]
    fn an_army_speaks_through_the_ministry_the_text_cites() {
        let text = "L'armée azerbaïdjanaise dit avoir détruit 14 chars. \
                    « Nous avons abattu 6 drones », a déclaré le ministère azerbaïdjanais de la Défense.";
        assert_eq!(claimants(text, None), ["ministère azerbaïdjanais de la Défense"; 2]);
        let text = "L'armée azerbaïdjanaise dit avoir détruit 14 chars.";
        assert_eq!(claimants(text, None), ["armée azerbaïdjanaise"]);
    }

    #[test]
    fn the_official_is_the_one_introduced_unnamed() {
        let text = "At least 14 people died in the fire, a health official said on Monday.\n\n\
                    The official added that 20 others were wounded.";
        assert_eq!(claimants(text, Some("AP")), ["responsable sanitaire"; 2]);
    }

    #[test]
    fn a_dateline_is_no_subject() {
        let text = "KABUL — Nine people were killed in the blast, a health official working there said.\n\n\
                    He said 30 people were wounded.";
        assert_eq!(claimants(text, Some("AP")), ["responsable sanitaire"; 2]);
    }

    #[test]
    fn a_relayed_figure_is_the_cited_source() {
        let text = "Floods killed 64 people, the Tass agency reported, citing the Georgian health ministry.";
        assert_eq!(claimants(text, Some("Reuters")), ["ministère géorgien de la Santé"]);
        let text = "Le bilan est passé à 31 morts, a rapporté l'agence Tass, citant le ministère géorgien de la Santé.";
        assert_eq!(claimants(text, Some("AFP")), ["ministère géorgien de la Santé"]);
    }

    #[test]
    fn a_quoted_paragraph_goes_on_quoting_the_last_speaker() {
        let text = "\"They burned the school,\" said Amina Diallo, a teacher in the village.\n\n\
                    \"The next morning we found 11 bodies in the fields.\"";
        assert_eq!(claimants(text, Some("AFP")), ["Amina Diallo"]);
        let text =
            "Amina Diallo spoke of the attack.\n\nThe next morning 11 bodies were found in the fields.";
        assert_eq!(claimants(text, Some("AFP")), ["AFP"]);
    }

    #[test]
    fn additional_victims_are_counted_by_the_same_source() {
        let text = "Selon la police nationale, 9 personnes ont été tuées.\n\n\
                    Une dizaine de corps supplémentaires ont été retrouvés lundi.";
        assert_eq!(claimants(text, Some("AFP")), ["police nationale"; 2]);
    }

    #[test]
    fn the_karabakh_ministry_has_one_name() {
        let text = "Selon le ministère de la Défense du Haut-Karabakh, 7 chars ont été détruits.";
        assert_eq!(claimants(text, None), ["ministère de la Défense du Karabakh"]);
    }

    #[test]
    fn a_body_of_a_group_without_an_adjective_keeps_its_name() {
        // "Hamas" is no plural of an adjective: never "ministère hama"
        let text = "Le ministère de la Santé du Hamas palestinien a recensé 2.310 morts à Khan Younès.";
        assert_eq!(claimants(text, None), ["ministère de la Santé de Gaza"]);
        let text = "The Hamas-run health ministry said 87 people were killed in Rafah.";
        assert_eq!(claimants(text, None), ["ministère de la Santé de Gaza"]);
        let text =
            "Les rebelles houthis ont perdu 14 combattants, a annoncé le ministère houthi de la Santé.";
        assert_eq!(claimants(text, None), ["ministère houthi de la Santé"]);
    }

    #[test]
    fn a_person_speaks_for_no_country_of_a_name_alike() {
        // "Türk" is a surname here, not the adjective of Turkey
        let text =
            "Le commissaire Volker Türk a déclaré que 61 personnes avaient été tuées à Port-au-Prince.";
        let doc = Doc::new(text);
        let ents = entities::find(&doc, &entities::Knowledge::default());
        let c = find(&doc, &figures::find(&doc), &ents, &[], None, None);
        assert_eq!(c[0].attrs.claimant.as_deref(), Some("Volker Türk"));
        assert_eq!(c[0].attrs.side, Party::parse("Haïti"));
    }

    #[test]
    fn english_officials_by_function() {
        let text = "An air strike killed at least 9 people, according to a local administrative official.";
        assert_eq!(claimants(text, None), ["responsable administratif local"]);
    }

    #[test]
    fn whoever_draws_up_or_revises_a_toll_states_it() {
        let text = "Le président Paul Biya a dressé mardi un bilan de 48 soldats tués.";
        assert_eq!(claimants(text, Some("AFP")), ["Paul Biya"]);
        let text = "Ethiopia's army has revised up its count of rebels killed to 310.";
        assert_eq!(claimants(text, Some("AFP")), ["armée éthiopienne"]);
    }

    #[test]
    fn the_head_of_state_is_the_leader_last_named() {
        let text = "Le président Jean Mokoko a dressé jeudi un premier bilan officiel. \
                    Selon le chef d'État, 1.200 soldats sont morts depuis janvier.";
        assert_eq!(claimants(text, Some("AFP")), ["Jean Mokoko"]);
        let text = "Le président Jean Mokoko s'est exprimé jeudi. « L'ennemi a perdu 300 hommes », \
                    a déclaré le chef de l'Etat congolais.";
        assert_eq!(claimants(text, Some("AFP")), ["Jean Mokoko"]);
    }

    #[test]
    fn a_figure_said_again_is_the_same_source() {
        let text = "Three policemen were killed in an ambush near Gao on Friday, the army said.\n\n\
                    The gunmen fired on a patrol, killing three policemen and wounding seven.";
        assert_eq!(claimants(text, Some("Reuters")), ["armée malienne"; 3]);
    }

    #[test]
    fn a_people_speaks_through_its_authorities_and_two_countries_are_each_side() {
        let text = "Les Soudanais disent avoir abattu 12 drones.";
        assert_eq!(claimants(text, None), ["autorités soudanaises"]);
        let text = "Le Tchad et le Soudan disent avoir perdu plusieurs dizaines de soldats.";
        assert_eq!(claimants(text, None), [EACH_SIDE]);
    }

    #[test]
    fn a_health_ministry_counts_the_dead_of_its_land() {
        let text =
            "Ethiopian drone strikes on northern Somalia killed 14 people, according to the health ministry.";
        assert_eq!(claimants(text, None), ["ministère somalien de la Santé"]);
    }

    #[test]
    fn an_acronym_spelled_out_in_french_takes_the_full_name() {
        let text = "Les Forces armées tchadiennes (FAT) ont repoussé l'attaque. Selon les FAT, 40 assaillants ont été tués.";
        assert_eq!(claimants(text, None), ["Forces armées tchadiennes"]);
        let text = "The Tigray Defence Forces (TDF) said 40 soldiers were killed.";
        assert_eq!(claimants(text, None), ["TDF"]);
    }

    #[test]
    fn a_minister_speaks_for_the_ministry() {
        let text = "« Nouvelle frappe sur Bouaké, 7 morts et 12 blessés », a indiqué le ministre des Affaires étrangères.";
        assert_eq!(claimants(text, Some("AFP")), ["ministère ivoirien des Affaires étrangères"; 2]);
        let text = "Le ministre tchadien de la Défense a annoncé la mort de 23 soldats.";
        assert_eq!(claimants(text, Some("AFP")), ["ministère tchadien de la Défense"]);
    }

    #[test]
    fn inside_a_quotation_the_speaker_is_not_whom_it_names() {
        let text = "Le président Jean Mokoko a parlé mardi.\n\n« Nous avons perdu 3.100 soldats. \
                    Pas 30.000, comme le disent Ndongo et ses menteurs. Mais chaque perte compte. »";
        assert_eq!(claimants(text, Some("AFP"))[0], "Jean Mokoko");
    }

    #[test]
    fn a_spokesperson_named_again_speaks_for_the_body() {
        let text = "Selon le porte-parole du ministère de la Santé du Hamas, Ahmed al-Nadjar, 212 personnes ont été tuées. \
                    « Au moins 40 corps sont sous les décombres », a ajouté le docteur Nadjar.";
        assert_eq!(claimants(text, Some("AFP")), ["ministère de la Santé de Gaza"; 2]);
    }

    #[test]
    fn sides_from_titles_lists_regions_and_the_one_named_group() {
        let rules = |text: &str| -> Vec<Option<Party>> {
            let doc = Doc::new(text);
            let ents = entities::find(&doc, &entities::Knowledge::default());
            find(&doc, &figures::find(&doc), &ents, &[], None, None)
                .into_iter()
                .map(|c| c.attrs.side)
                .collect()
        };
        // a person's party from the adjective of the title the text gives them
        let sides = rules(
            "Lebanese Health Minister Firass Abiad spoke on Monday. Abiad said 31 children were among the dead.",
        );
        assert_eq!(sides, [Party::parse("Liban")]);
        // "and one civilian" goes on counting the side of its list
        let sides =
            rules("Ethiopia said 40 of its soldiers and one civilian were killed in the fighting in Tigray.");
        assert_eq!(sides, [Party::parse("Éthiopie"); 2]);
        // a region of its own right after its country
        let sides = rules("An air strike in Ethiopia's Tigray region killed 12 civilians.");
        assert_eq!(sides, [Party::parse("Tigré")]);
        // a source's seat is not where it happened
        let sides = rules("L'ONG Airwars, basée à Londres, a recensé 17 civils tués à Bagdad.");
        assert_eq!(sides, [Party::parse("Irak")]);
        // unnamed attackers of the one armed group the text names
        let sides =
            rules("Soldiers killed five attackers after al-Shabab fighters stormed the base, the army said.");
        assert_eq!(sides, [Party::parse("Shebab")]);
    }

    #[test]
    fn a_source_named_again_by_its_head_is_the_one_named_before() {
        let text = "Selon des sources sécuritaires, 14 soldats ont été tués. \
                    Selon ces sources, 20 autres ont été blessés dans une seconde attaque contre le camp.";
        assert_eq!(claimants(text, Some("AFP")), ["sources sécuritaires"; 2]);
    }

    #[test]
    fn an_official_toll_no_body_is_named_for() {
        // partial tolls made public, and the toll a country's count is added to
        let text = "Depuis lundi, des bilans partiels communiqués font état de 120 morts : 100 soldats et 20 civils.";
        assert_eq!(claimants(text, Some("AFP")), [OFFICIAL; 3]);
        let text = "Le Mali a officialisé la mort de 12 soldats, portant le bilan officiel des combats à plus de 80 morts.";
        assert_eq!(claimants(text, Some("AFP")), ["autorités maliennes", OFFICIAL]);
    }

    #[test]
    fn officials_with_no_country_are_those_of_the_place_hit() {
        let text = "Four people were killed in a drone attack on a market in the western Sudanese town of Geneina, officials say.";
        assert_eq!(claimants(text, Some("BBC")), ["autorités soudanaises"]);
    }

    #[test]
    fn an_incise_closing_the_sentence_says_who_asserts_it() {
        let text = "Le président malien Amadou Keita a parlé lundi à Bamako. \
                    Selon lui, l'armée française compte \"au moins 300 morts\" depuis 2013, assure le chef d'État.";
        assert_eq!(claimants(text, Some("AFP")), ["Amadou Keita"]);
        // a clause of its own after a comma is no incise
        let text = "Le bilan serait plus lourd, alors que Niamey assure que 300 rebelles sont morts, \
                    et que les rebelles disent avoir tué 40 soldats.";
        assert_eq!(claimants(text, Some("AFP"))[0], "autorités nigériennes");
    }

    #[test]
    fn a_leader_is_not_someone_a_quotation_names() {
        let text = "Le président Amadou Keita a parlé. \"Pas 3.000, comme le disent Moussa Traoré et les siens\", a-t-il ajouté.\n\n\
                    En parallèle, Paris compte \"au moins 180 morts\", assure le chef d'État.";
        assert_eq!(claimants(text, Some("AFP")).last().map(String::as_str), Some("Amadou Keita"));
    }

    #[test]
    fn an_agency_is_named_by_its_name_and_keeps_an_unnamed_source() {
        let text = "Les rebelles n'ont rien confirmé. Une frappe a tué au moins 3 personnes à Sanaa, \
                    a indiqué l'agence de presse SABA, en citant des responsables de la santé.";
        assert_eq!(claimants(text, Some("AFP")), ["agence SABA"]);
    }

    #[test]
    fn a_spokesman_glued_to_his_body_is_still_a_person() {
        let text = "Le porte-parole du ministère de la Santé du Hamas Ashraf al-Qidra a fait état de 40 morts. \
                    \"Seuls 12 blessés ont pu être soignés\", a souligné le docteur Qidra.";
        assert_eq!(claimants(text, Some("AFP")), ["ministère de la Santé de Gaza"; 2]);
    }

    #[test]
    fn a_quoted_figure_is_reported_by_the_verb_before_the_quotation() {
        let text =
            "Kenyan Interior Minister Amos Otieno told reporters that \"so far we have counted 212 dead.\"";
        assert_eq!(claimants(text, Some("AFP")), ["Amos Otieno"]);
        // a dispatch quoted whole names its own source
        let text = "\"Un responsable local à Gao a déclaré à l'agence que 9 civils avaient péri\", a indiqué la radio.";
        assert_eq!(claimants(text, Some("AFP")), ["responsable local"]);
    }

    #[test]
    fn a_headline_takes_the_claimant_of_the_same_count_and_its_brackets() {
        let text = "Toll in Sudan reaches 1,204\nThe death toll in Sudan since the start of the fighting in April has reached 1,204 people, \
                    officials said Friday. A local doctor said 36 people died on Thursday.";
        assert_eq!(claimants(text, Some("AFP"))[..2], ["autorités soudanaises", "autorités soudanaises"]);
        let text = "L'attentat de Homs fait douze morts (Sana et TV)\n\nUn attentat a fait douze morts, a indiqué la télévision.";
        assert_eq!(claimants(text, Some("AFP"))[0], "agence Sana");
    }

    #[test]
    fn the_place_of_a_source_is_not_the_source() {
        let text =
            "Une source sécuritaire dans la région de Mopti a déclaré que 14 soldats avaient été tués.";
        assert_eq!(claimants(text, Some("AFP")), ["source sécuritaire"]);
    }

    #[test]
    fn a_source_close_to_a_group() {
        let text = "A source close to Hamas told AFP that dozens of its fighters had been killed.";
        assert_eq!(claimants(text, Some("AFP")), ["source proche du Hamas"]);
    }

    #[test]
    fn forces_that_suffer_losses_count_soldiers_and_people_count_everyone() {
        let whos = |text: &str| {
            let doc = Doc::new(text);
            let figs = figures::find(&doc);
            let ents = entities::find(&doc, &entities::Knowledge::default());
            find(&doc, &figs, &ents, &[], None, None).into_iter().map(|c| c.attrs.who).collect::<Vec<_>>()
        };
        assert_eq!(
            whos("Officials estimated that the rebel forces had suffered 3,000 casualties since June."),
            [Some(Who::Military)]
        );
        assert_eq!(
            whos("Two civilians were killed and 14 people were injured in the shelling, the governor said."),
            [Some(Who::Civilians), Some(Who::All)]
        );
    }

    #[test]
    fn whoever_blames_an_attack_speaks_of_its_dead_and_a_prepositions_object_never_speaks() {
        let text = "At least 14 civilians have been killed in the strike Ethiopia blames on Eritrea.";
        assert_eq!(claimants(text, Some("AFP")), ["autorités éthiopiennes"]);
    }

    #[test]
    fn burn_victims_are_hurt() {
        let doc =
            Doc::new("Doctors treated hundreds of burn victims after the blast, the health ministry said.");
        let figs = figures::find(&doc);
        let ents = entities::find(&doc, &entities::Knowledge::default());
        let c = find(&doc, &figs, &ents, &[], None, None);
        assert_eq!(c[0].attrs.what, Some(What::Wounded));
    }

    #[test]
    fn a_one_sentence_paragraph_in_the_body_is_no_headline_and_separatists_by_their_people() {
        let text = "ADDIS ABABA: Ethiopia said on Monday that 92 of its soldiers died in the fighting.\n\n\
                    The army said it had taken the town.\n\n\
                    The combined death toll from the fighting now stands at more than 300 people.\n\n\
                    Moldovan separatists have revised up their number of fighters killed to 213.";
        let c = claimants(text, Some("AFP"));
        assert_eq!(c[1], "AFP");
        assert_eq!(c[2], "autorités séparatistes");
    }

    #[test]
    fn a_figure_of_a_list_counts_what_its_own_verb_says() {
        let whats = |text: &str| {
            let doc = Doc::new(text);
            let figs = figures::find(&doc);
            let ents = entities::find(&doc, &entities::Knowledge::default());
            find(&doc, &figs, &ents, &[], None, None).into_iter().map(|c| c.attrs.what).collect::<Vec<_>>()
        };
        assert_eq!(
            whats("Two soldiers were killed, and 12 people were injured, the governor said."),
            [Some(What::Killed), Some(What::Wounded)]
        );
        assert_eq!(
            whats("Quatre soldats ont péri et des dizaines de personnes ont été blessées, selon l'armée."),
            [Some(What::Killed), Some(What::Wounded)]
        );
        assert_eq!(
            whats("Le bilan est de sept morts et 33 blessés, selon la police."),
            [Some(What::Killed), Some(What::Wounded)]
        );
    }

    #[test]
    fn a_lede_names_its_speaker_by_function_first_by_name_next() {
        let text = "The leader of the private militia has broken with the government, saying he had lost \
                    more than 2,000 men in the battle for the city. Jean Mbala said about half of those who \
                    died were recruits.";
        assert_eq!(claimants(text, Some("AP")), ["Jean Mbala"]);
    }
}
