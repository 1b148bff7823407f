// The app's words, French first. Keys are used by data-i18n attributes
// (text), data-i18n-aria (aria-label) and by the code through t().
export const messages = {
  fr: {
    'kind.destruction_late': 'Destruction tardive', 'kind.destruction_recorded_late': 'Destruction inscrite trop tard', 'kind.destruction_missing': 'Destruction manquante', 'kind.extraction_after_retention': 'Extraction après le délai de conservation',
    'nav.installation': 'Installation', 'inst.title': 'Ce que l’installation fait des images',
    'inst.intro': 'Les systèmes derrière les caméras, les traitements automatisés qu’ils font tourner, et qui reçoit les images — selon la déclaration de la ville, confrontée à la loi et au registre des accès. clairvoie n’analyse jamais d’images : il consigne ce que les systèmes installés peuvent faire.',
    'inst.asof': 'Ce que l’installation peut faire au {date}, selon la déclaration de la ville', 'inst.synthetic': 'Déclaration SYNTHÉTIQUE : une reconstitution calibrée sur des faits publics, avec des fournisseurs fictifs, pas l’installation réelle.',
    'inst.chaintitle': 'La chaîne, des caméras aux destinataires', 'inst.cameras': 'Caméras', 'inst.registry': 'les caméras du registre (voir la carte)',
    'inst.systems': 'Systèmes', 'inst.analytics': 'Traitements automatisés', 'inst.recipients': 'Destinataires', 'inst.none': 'aucun déclaré',
    'inst.all': 'toutes les caméras', 'inst.ofsource': 'les caméras de {s}', 'inst.ncams': '{n} caméras', 'inst.basis': 'base :', 'inst.nobasis': 'aucune',
    'inst.convention': 'convention :', 'inst.noconvention': 'aucune', 'inst.until': 'jusqu’au',
    'inst.kind.vms': 'gestion vidéo', 'inst.kind.recorder': 'enregistrement', 'inst.kind.analytics_server': 'serveur d’analyse', 'inst.kind.anpr_unit': 'lecteur de plaques', 'inst.kind.observatory': 'observatoire', 'inst.kind.other': 'autre',
    'inst.lic.free': 'logiciel libre', 'inst.lic.proprietary': 'propriétaire', 'inst.lic.unknown': 'licence inconnue',
    'inst.flow.live': 'en direct', 'inst.flow.recorded': 'accès aux enregistrements', 'inst.flow.export': 'remise d’extraits', 'inst.flow.remote_maintenance': 'télémaintenance',
    'inst.findingstitle': 'Constats sur la déclaration', 'inst.item': 'Élément', 'inst.message': 'Constat',
    'inst.transmissions': 'Transmissions du registre qu’aucun flux déclaré ne couvre : {n} (le détail est réservé aux rôles qui lisent le registre).', 'inst.noregister': 'Ce serveur n’a pas de registre : les transmissions ne sont pas confrontées aux flux déclarés.',
    'inst.coststitle': 'Marchés et coûts', 'inst.costs': '{n} marchés de vidéoprotection ({total} en tout, hors taxes) ; en cours : {yearly} par an, dont {prop} pour des systèmes propriétaires. {systems} systèmes : {proprietary} propriétaires, {free} libres.',
    'inst.contractstitle': 'Marchés publics de vidéoprotection (DECP)', 'inst.contract': 'Marché', 'inst.object': 'Objet', 'inst.notified': 'Notifié le', 'inst.amount': 'Montant HT', 'inst.peryear': 'Par an', 'inst.holders': 'Titulaires', 'inst.withheld': 'nom retenu (une personne)', 'inst.paysfor': 'Paie', 'inst.ended': 'terminé',
    'kind.analytics_prohibited': 'Identification biométrique interdite', 'kind.analytics_without_basis': 'Traitement sans base légale', 'kind.analytics_basis_expired': 'Traitement après la fin de sa base légale',
    'kind.analytics_outside_basis': 'Traitement hors du champ de sa base', 'kind.flow_without_convention': 'Flux sans convention', 'kind.flow_convention_expired': 'Flux après la fin de sa convention',
    'kind.transfer_outside_eu': 'Transfert hors UE/EEE sans base', 'kind.transmission_undeclared': 'Transmission vers un destinataire non déclaré',
    'nav.forecast': 'Prévision', 'fc.title': 'Prévision par jours semblables',
    'fc.intro': 'Où attendre des accidents de la route (ou des appels d’urgence) un jour donné, d’après les jours passés les plus semblables (jour de la semaine, saison, jours fériés, vacances scolaires, événements près de chaque cellule). Des comptes agrégés seulement : jamais d’images, de personnes, de téléphones ni de réseaux sociaux. Chaque prévision dit ce qu’elle a valu sur l’année précédente.',
    'fc.window': 'Plage', 'fc.wholeday': 'la journée entière', 'fc.matchevening': 'le soir, 18–24 h, à moins de 1 km des matchs du jour', 'fc.marketmorning': 'le matin, 8–13 h, à moins de 1 km des marchés du jour', 'fc.w.expect': 'Le {date}, de {from} h à {to} h (heure de {zone}), à moins de {m} m des événements « {kind} » du jour : {expected} attendus (90 % : {low} à {high}).', 'fc.w.base': 'Les jours semblables sans un tel événement : {base}.', 'fc.w.effect': 'Effet de {n} événements « {kind} » passés ici : {effect} (90 % : {lo} à {hi}), ramené à {shrunk}.', 'fc.w.effectfew': 'Effet de {n} événements « {kind} » passés ici : {effect}, ramené à {shrunk} — pas assez d’événements passés pour un intervalle.', 'fc.w.noevents': 'Aucun événement « {kind} » passé à cet endroit : pas d’effet estimé.', 'fc.w.skill': 'Sur {n} plages semblables passées : erreur moyenne {mae} contre {nocal} sans le calendrier ; l’intervalle à 90 % a tenu {cover} du temps.', 'fc.w.ok': 'La méthode bat ses références sur ces plages.', 'fc.w.no': 'La méthode ne bat pas ses références sur ces plages : ne vous y fiez pas.', 'fc.w.observed': 'Compté dans cette plage : {n}.', 'fc.source': 'Source', 'fc.date': 'Jour', 'fc.top': 'Cellules', 'fc.eventdays': 'Jours évalués', 'fc.alldays': 'tous les jours', 'fc.matchdays': 'les jours de match', 'fc.matchnear': 'les jours de match, à moins de 1 km des matchs',
    'fc.run': 'Prévoir', 'fc.nosource': '{where} : aucune source d’accidents ou d’incidents ne couvre cette commune ; la prévision ne porte que sur une commune qui en a.', 'fc.syn': 'synthétique', 'fc.computing': 'Calcul en cours…',
    'fc.synthetic': 'Données SYNTHÉTIQUES : ces chiffres décrivent un générateur aux effets plantés, pas Marseille.',
    'fc.meaningful': 'Du {from} au {to}, la méthode des jours semblables ({method}) a battu toutes les méthodes de référence (PAI à 1 % : {pai}, contre {bestpai} pour la meilleure, {best}) : sa prévision est présentée.',
    'fc.notmeaningful': 'Du {from} au {to}, la méthode des jours semblables ne bat pas toutes les méthodes de référence (PAI à 1 % : {pai}, contre {bestpai} pour {best}) : sa prévision n’est pas présentée comme significative. Les cellules sont classées par {method}.',
    'fc.day': '{date} : {what}. Attendus sur toute la zone : {total} (source {source}).', 'fc.ordinary': 'jour ordinaire', 'fc.holiday': 'jour férié', 'fc.school': 'vacances scolaires',
    'fc.analogues': 'Jours semblables derrière la prévision : {days}… ({n} en tout).', 'fc.rank': 'Rang', 'fc.where': 'Où (quartier)', 'fc.expected': 'Attendus',
    'fc.interval': 'Intervalle à 90 %', 'fc.because': 'Pourquoi', 'fc.nosuggest': 'Cette prévision ne bat pas ses références : elle n’est pas proposée au plan.',
    'fc.by.analogue_days': 'ce qu’elle a compté les {n} jours passés les plus semblables', 'fc.by.analogue_calendar': 'ce qu’elle a compté les {n} jours passés les plus semblables (calendrier compris)',
    'fc.by.long_term_rate': 'son taux moyen sur toute la période', 'fc.by.same_weekday_rate': 'son taux moyen du même jour de la semaine',
    'fc.by.kde_last_weeks': 'la densité des incidents des quatre dernières semaines autour d’elle', 'fc.by.self_exciting': 'les incidents récents autour d’elle (modèle auto-excitant)', 'fc.near': 'près de : {events} ({n} jours passés comparables)', 'fc.maplabel': 'Carte de la prévision',
    'fc.suggest': 'Proposer ces cellules au plan (médiateurs)', 'fc.table': 'Cellules où envoyer des médiateurs en premier',
    'fc.bttitle': 'Ce que vaut la prévision : le test rétrospectif', 'fc.btintro': 'Chaque jour des deux dernières années a été prévu avec les seuls jours d’avant, puis comparé à ce qui est arrivé. À gauche, la part des accidents tombés dans les cellules classées en tête, selon la part de la zone couverte (la diagonale : le hasard). À droite, la fiabilité : la probabilité annoncée contre la fréquence observée (la diagonale : parfait).', 'fc.hitchart': 'Taux de réussite selon la part de la zone', 'fc.relchart': 'Diagramme de fiabilité',
    'fc.area': 'part de la zone (cellules classées en tête)', 'fc.forecastp': 'probabilité annoncée (au moins un accident par cellule et par jour)',
    'fc.skilltable': 'Compétence de chaque méthode, un jour à l’avance, du {from} au {to}', 'fc.method': 'Méthode', 'fc.hit': 'Réussite',
    'fc.btok': 'Verdict : {method} bat toutes les méthodes de référence{days}.', 'fc.btno': 'Verdict : {method} ne bat pas toutes les méthodes de référence{days} ; ne la présentez pas comme significative.',
    'fc.only': ' (jours de {kind} seulement)', 'fc.onlynear': ' (jours de {kind} seulement, à moins de {m} m des événements)', 'fc.whypai': 'PAI à {k} % : {v}, pas au-dessus de {bv} ({method})', 'fc.whybss': 'score de Brier relatif {v}, pas au-dessus de {bv} ({method})',
    'm.long_term_rate': 'taux de long terme', 'm.same_weekday_rate': 'taux du même jour de la semaine', 'm.kde_last_weeks': 'densité des quatre dernières semaines',
    'm.analogue_days': 'jours semblables', 'm.self_exciting': 'modèle auto-excitant (type ETAS)', 'm.analogue_calendar': 'jours semblables + calendrier',
    'evk.match': 'match', 'evk.demonstration': 'manifestation', 'evk.market': 'marché', 'evk.concert': 'concert', 'evk.festival': 'festival', 'evk.road_works': 'travaux', 'evk.filming': 'tournage', 'evk.other': 'autre',
    'plan.suggestion': 'Prévision du {date} : les {n} cellules où envoyer des médiateurs en premier (carrés orange), classées par {method}{meaningful}. {covered} d’entre elles sont à moins de 1 km d’un poste du plan.',
    'plan.suggestion.no': ' — prévision non significative, classement de la meilleure méthode de référence', 'plan.suggestion.key': 'cellule proposée par la prévision',
    'nav.fibre': 'Fibre', 'fibre.title': 'Fibre dans les fourreaux libérés', 'fibre.intro': 'Les fourreaux des caméras fermées accueillent la fibre vers les équipements publics ; ceux qui restent libres se louent.',
    'fibre.pull': 'Tirage dans un fourreau libre (€/m)', 'fibre.trench': 'Tranchée (€/m)', 'fibre.rent': 'Location (€/m/an)', 'fibre.maplabel': 'Carte de la fibre',
    'fibre.computing': 'Calcul en cours…', 'fibre.summary': 'Relier {sites} sites coûte {cost} ({saving} de moins que tout en tranchée) : {reused} dans des fourreaux libres, {trench} de tranchée. Les fourreaux libres restants rapportent {rent} par an. Écart au meilleur réseau : {gap} au plus.',
    'fibre.synthetic': 'Fourreaux synthétiques (démonstration).', 'fibre.cost': 'Coût', 'fibre.saving': 'Économie', 'fibre.reused': 'Fourreaux réutilisés', 'fibre.trenchm': 'Tranchée', 'fibre.rentcol': 'Location / an',
    'fibre.reusedkey': 'fibre dans un fourreau libéré', 'fibre.trenchkey': 'tranchée nouvelle',
    'fibre.streets': 'Les tranchées suivent {km} de rues ({straight} sites hors de leur portée, reliés en ligne droite).', 'fibre.nostreets': 'Sans graphe des rues, une tranchée est une ligne droite × {detour}.',
    'fibre.budget': 'Budget annuel (€, facultatif)', 'fibre.spent': 'Dépensé (budget)', 'fibre.connected': 'Sites reliés',
    'nav.events': 'Calendrier', 'ev.title': 'Calendrier et conflits', 'ev.intro': "Les événements d'une période (matchs, manifestations, marchés, travaux) sur la carte, et les conflits entre eux selon la table des règles, chacun avec sa raison.",
    'ev.from': 'Du', 'ev.to': 'Au', 'ev.show': 'Afficher', 'ev.table': 'Conflits', 'ev.maplabel': 'Carte des événements', 'ev.clashkey': 'en conflit (bord rouge)', 'ev.kind.match': 'match', 'ev.kind.demonstration': 'manifestation', 'ev.kind.market': 'marché', 'ev.kind.concert': 'concert', 'ev.kind.festival': 'festival', 'ev.kind.road_works': 'travaux', 'ev.kind.filming': 'tournage', 'ev.kind.other': 'autre', 'ev.when': 'Quand (heure de {zone})', 'ev.feeds': 'Calendriers abonnés :', 'ev.feed': '{source} ({host}, toutes les {every} min), dernière mise à jour réussie le {when} ({n}).', 'ev.oneevent': '1 événement', 'ev.nevents': '{n} événements', 'ev.feednever': '{source} ({host}, toutes les {every} min), jamais mis à jour avec succès.', 'ev.feedfail': 'La tentative du {when} a échoué, ses événements sont ceux de la dernière réussite : {error}', 'ev.a': 'Événement', 'ev.b': 'En conflit avec',
    'ev.distance': 'Distance', 'ev.reason': 'Raison', 'ev.summary': '{where} : {events} occurrences d’événements sur la période, {conflicts} conflits (bord rouge sur la carte).', 'ev.summary1': '{where} : {events} occurrences d’événements sur la période, {conflicts} conflit (bord rouge sur la carte).',
    'ev.synthetic': 'Certains événements sont synthétiques (démonstration) ; l’heure et l’affluence des matchs sont supposées.',
    'nav.register': 'Accès aux images', 'reg.title': 'Registre des accès aux images', 'reg.intro': "Chaque visionnage, extraction, transmission et destruction d'images est inscrit au registre. Le registre lui-même reste privé ; un journal public et signé en garde l'empreinte, que chacun peut vérifier : une inscription effacée ou modifiée après coup se verrait.",
    'reg.summary': '{months} mois au registre. Secret statistique : aucun compte de 1 à {k1} n’est publié, ni ce qui permettrait de le retrouver.', 'reg.synthetic': 'Registre synthétique (démonstration) : aucune inscription ne décrit un fait réel.',
    'reg.table': 'Inscriptions par mois', 'reg.month': 'Mois', 'reg.secret': 'secret', 'reg.shown': '{n} inscriptions dans les cases publiées.',
    'reg.kind.viewing': 'Visionnages', 'reg.kind.extraction': 'Extractions', 'reg.kind.transmission': 'Transmissions', 'reg.kind.destruction': 'Destructions', 'reg.kind.config': 'Configuration',
    'reg.checkpoint': 'Dernier point de contrôle signé', 'reg.cosigned': 'Cosigné par des témoins indépendants, qui ont vérifié qu’il prolonge ce qu’ils avaient vu : {who}.', 'reg.cosigner': '{name} le {when}', 'reg.nowitness': 'Aucun témoin ne cosigne ce point de contrôle : rien n’empêcherait de montrer une autre histoire à un autre lecteur. Gardez-le et comparez-le avec d’autres (voir « Vérifiez vous-même »).', 'reg.verify': 'Vérifiez vous-même', 'reg.verifyintro': 'Avec clairvoie (ou tout vérificateur C2SP tlog-tiles) et la clé publique du journal, obtenue par un autre canal que ce site :',
    'reg.staff': 'Espace des agents', 'reg.oidc': 'Se connecter avec le compte de la ville', 'reg.token': "Jeton d'accès", 'reg.login': 'Se connecter', 'reg.logout': 'Se déconnecter', 'reg.camera': 'Caméra',
    'reg.recordlive': 'Inscrire un visionnage en direct', 'reg.latest': 'Dernières inscriptions', 'reg.signed': 'Connecté : {id} ({role}).', 'reg.loginfailed': 'Connexion refusée :',
    'reg.recorded': 'Inscrit au registre sous le numéro {index}.', 'reg.when': 'Quand', 'reg.what': 'Quoi', 'reg.cameras': 'Caméras', 'reg.by': 'Par',
    'reg.since': "Gardez ce point de contrôle : la prochaine fois, ajoutez --since FICHIER et la commande vérifiera que l'histoire n'a pas été réécrite depuis.",
    'nav.opendata': 'Données ouvertes', 'od.intro': 'Tout ce que clairvoie sait et qui peut être public, en paquet de données Frictionless, avec secret statistique, moissonnable par data.gouv.fr (catalogue DCAT-AP).',
    'od.lang': 'Le paquet est publié en français.', 'od.files': 'Fichiers', 'od.schema': 'Schéma des caméras', 'od.schemaintro': 'Un schéma proposé pour la vidéoprotection, dans le style de schema.data.gouv.fr (Table Schema).',
    'od.file': 'Fichier', 'od.content': 'Contenu', 'od.licence': 'Licence', 'od.field': 'Champ', 'od.title': 'Titre', 'od.type': 'Type', 'od.description': 'Description',
    'nav.plan': 'Plan', 'plan.title': 'Plan de réduction', 'plan.intro': 'Fermer d’abord les caméras les moins utiles, année après année, et financer des médiateurs avec les économies. Deux scénarios côte à côte.',
    'plan.a': 'Scénario A', 'plan.b': 'Scénario B', 'plan.mode': 'Objectif', 'plan.savings': 'économies annuelles', 'plan.loss': 'perte d’utilité plafonnée',
    'plan.target': 'Économies à ajouter chaque année (€)', 'plan.losscap': 'Perte d’utilité maximale par an (%)', 'plan.capacity': 'Caméras démontables par an',
    'plan.contracts': 'Contrats', 'plan.wait': 'attendre leur fin', 'plan.compensate': 'rompre et indemniser', 'plan.scenario': 'Coûts',
    'plan.central': 'valeurs centrales', 'plan.low': 'valeurs basses', 'plan.high': 'valeurs hautes', 'plan.method': 'Placement des médiateurs',
    'plan.mclp': 'couverture maximale (MCLP)', 'plan.pmedian': 'p-médiane', 'plan.run': 'Calculer', 'plan.year': 'Année', 'plan.maplabel': 'Carte du plan', 'plan.mapof': 'La carte montre le scénario A, à l’année choisie',
    'plan.budget': 'Budget annuel : caméras et médiateurs', 'plan.kept': 'Utilité conservée et besoin couvert', 'plan.table': 'Année par année',
    'plan.closed': 'Fermées', 'plan.saved': 'Économies / an', 'plan.posts': 'Médiateurs', 'plan.keptcol': 'Utilité conservée', 'plan.covered': 'Besoin couvert',
    'plan.gap': 'Écart max.', 'plan.cameras': 'caméras restantes', 'plan.mediators': 'médiateurs',
    'plan.nousage': '{where} : aucune caméra n’a de comptes d’usage (réquisitions, extractions, interventions) ; sans eux, l’utilité ne se mesure pas et le plan ne peut être calculé.',
    'fibre.nousage': '{where} : pas de plan de réduction (aucun compte d’usage), donc pas de fourreaux libérés à proposer pour la fibre.',
    'plan.bound': 'Écart au meilleur plan possible : {gap} au plus (prouvé par une borne de relaxation lagrangienne).',
    'plan.kept.cam': 'caméra conservée', 'plan.closed.cam': 'caméra fermée d’ici {year}', 'plan.posts.map': 'postes de médiateurs (taille : nombre)',
    commune: 'Commune', allcities: 'toutes les communes', nocity: 'commune inconnue', cityall: 'Cette page porte sur tout l’espace de travail, toutes communes confondues.',
    count: '{n} caméras à l’écran sur {sel} dans la sélection ({where})',
    skip: 'Aller au contenu', tagline: 'registre de la vidéoprotection, ouvert et vérifiable', nav: 'Sections',
    'nav.map': 'Carte', 'nav.registry': 'Registre', 'nav.checks': 'Contrôles', 'nav.reconcile': 'Rapprochement',
    filters: 'Filtres', status: 'État', source: 'Source', arrondissement: 'Arrondissement', all: 'toutes',
    colorby: 'Couleur selon', compliance: 'Conformité', optype: 'Exploitant public ou privé', zone: 'Zone',
    programme: 'Programme', choropleth: 'Caméras pour 10 000 habitants', date: 'En service le',
    'st.active': 'en service', 'st.out_of_service': 'hors service', 'st.planned': 'en projet', 'st.removed': 'retirée',
    nowebgl: 'Ce poste n’offre pas WebGL (un bureau virtuel, souvent) : la carte interactive ne peut s’afficher. Voici une carte fixe ; cliquez un point pour sa fiche. Le tableau du registre et les fiches des caméras restent complets.',
    'nowebgl.alt': 'Carte fixe, sans WebGL', maplabel: 'Carte des caméras', recmaplabel: 'Carte du rapprochement', search: 'Rechercher',
    dlcsv: 'Télécharger la sélection (CSV)', dlgeojson: 'Télécharger la sélection (GeoJSON)',
    prev: 'Précédent', next: 'Suivant', pages: 'Pages', page: 'Page {p} sur {n}',
    regcount: '{n} caméras dans la sélection',
    bykind: 'Par type de constat', byarr: 'Par arrondissement', kind: 'Constat', severity: 'Gravité', cameras: 'Caméras',
    findings: 'Constats', unknownarr: '(inconnu)',
    checkssummary: '{where}, au {today} : {checked} caméras contrôlées, {breach} avec un manquement, {clean} sans constat, {out} hors champ (en projet, retirées ou intérieures).',
    official: 'Liste officielle (A)', mapped: 'Cartographie citoyenne ou autre liste (B)', recnone: '{where} : une seule source ({a}), rien à rapprocher. Importez ce que les citoyens ont cartographié (OpenStreetMap : clairvoie import --source osm extrait.osm.pbf) pour le comparer à la liste officielle.', within: 'Distance (m)', run: 'Rapprocher',
    recsummary: '{matched} appariées (médiane {median} m), {a} seulement dans {an}, {b} seulement dans {bn}.',
    matched: 'appariées', onlya: 'seulement dans A', onlyb: 'seulement dans B',
    footer: 'Logiciel libre (EUPL 1.2). Données : voir chaque source.',
    synthetic: 'Données synthétiques : le registre de Marseille affiché ici est une reconstruction calibrée sur des chiffres publics, pas la liste réelle des caméras.',
    'col.ref': 'Référence', 'col.place': 'Lieu', 'col.qn': 'Quartier', 'col.a': 'Arr.', 'col.op': 'Exploitant',
    'col.st': 'État', 'col.t': 'Type', 'col.z': 'Zone', 'col.s': 'Mise en service', 'col.ret': 'Conservation (j)',
    'col.ax': 'Autorisation jusqu’au', 'col.sev': 'Conformité', 'col.src': 'Source', sortby: 'Trier par {c}',
    'sev.breach': 'manquement', 'sev.due': 'échéance proche', 'sev.unknown': 'information manquante', 'sev.stale': 'contrôle ancien',
    'sev.ok': 'sans constat', 'sev.out': 'hors champ',
    'ot.public': 'public', 'ot.private': 'privé', none: 'non renseigné', open: 'Voir la fiche',
    nodate: 'Les caméras sans date de mise en service sont toujours affichées.',
    'kind.retention_over_legal_max': 'Conservation au-delà d’un mois', 'kind.retention_over_authorised': 'Conservation au-delà de l’autorisation',
    'kind.authorisation_expired': 'Autorisation expirée', 'kind.signage_missing': 'Panneau absent',
    'kind.authorisation_expiring': 'Autorisation à renouveler', 'kind.authorisation_missing': 'Autorisation non enregistrée',
    'kind.purpose_missing': 'Finalité non enregistrée', 'kind.retention_unknown': 'Durée de conservation non renseignée',
    'kind.signage_unknown': 'Signalisation non renseignée', 'kind.signage_unchecked': 'Panneau non contrôlé depuis un an',
    'kind.not_verified': 'Caméra non vérifiée sur le terrain', more: 'et {n} autres',
  },
  en: {
    'kind.destruction_late': 'Destruction made late', 'kind.destruction_recorded_late': 'Destruction recorded late', 'kind.destruction_missing': 'Destruction missing', 'kind.extraction_after_retention': 'Extraction after the retention deadline',
    'nav.installation': 'Installation', 'inst.title': 'What the installation does with the images',
    'inst.intro': 'The systems behind the cameras, the automated processing they run, and who receives the images — as the city declares it, held to the law and to the register of accesses. clairvoie never analyses images: it records what the installed systems can do.',
    'inst.asof': 'What the installation can do as of {date}, as the city declares it', 'inst.synthetic': 'SYNTHETIC declaration: a reconstruction calibrated on public facts, with fictional suppliers, not the real installation.',
    'inst.chaintitle': 'The chain, from cameras to recipients', 'inst.cameras': 'Cameras', 'inst.registry': 'the registry’s cameras (see the map)',
    'inst.systems': 'Systems', 'inst.analytics': 'Automated processing', 'inst.recipients': 'Recipients', 'inst.none': 'none declared',
    'inst.all': 'all cameras', 'inst.ofsource': 'the cameras of {s}', 'inst.ncams': '{n} cameras', 'inst.basis': 'basis:', 'inst.nobasis': 'none',
    'inst.convention': 'convention:', 'inst.noconvention': 'none', 'inst.until': 'until',
    'inst.kind.vms': 'video management', 'inst.kind.recorder': 'recording', 'inst.kind.analytics_server': 'analytics server', 'inst.kind.anpr_unit': 'plate reader', 'inst.kind.observatory': 'observatory', 'inst.kind.other': 'other',
    'inst.lic.free': 'free software', 'inst.lic.proprietary': 'proprietary', 'inst.lic.unknown': 'licence unknown',
    'inst.flow.live': 'live', 'inst.flow.recorded': 'access to recordings', 'inst.flow.export': 'clips handed over', 'inst.flow.remote_maintenance': 'remote maintenance',
    'inst.findingstitle': 'Findings on the declaration', 'inst.item': 'Item', 'inst.message': 'Finding',
    'inst.transmissions': 'Transmissions in the register that no declared flow covers: {n} (the details are for the roles that read the register).', 'inst.noregister': 'This server has no register: transmissions are not held to the declared flows.',
    'inst.coststitle': 'Contracts and costs', 'inst.costs': '{n} video-protection contracts ({total} in all, excluding VAT); running: {yearly} a year, {prop} of it for proprietary systems. {systems} systems: {proprietary} proprietary, {free} free.',
    'inst.contractstitle': 'Public video-protection contracts (DECP)', 'inst.contract': 'Contract', 'inst.object': 'Object', 'inst.notified': 'Notified', 'inst.amount': 'Amount excl. VAT', 'inst.peryear': 'Per year', 'inst.holders': 'Holders', 'inst.withheld': 'name withheld (a person)', 'inst.paysfor': 'Pays for', 'inst.ended': 'ended',
    'kind.analytics_prohibited': 'Prohibited biometric identification', 'kind.analytics_without_basis': 'Processing without a legal basis', 'kind.analytics_basis_expired': 'Processing after its legal basis ended',
    'kind.analytics_outside_basis': 'Processing outside its basis', 'kind.flow_without_convention': 'Flow without a convention', 'kind.flow_convention_expired': 'Flow after its convention ended',
    'kind.transfer_outside_eu': 'Transfer outside the EU/EEA without a basis', 'kind.transmission_undeclared': 'Transmission to an undeclared recipient',
    'nav.forecast': 'Forecast', 'fc.title': 'Forecast from similar days',
    'fc.intro': 'Where road accidents (or emergency calls) are expected on a day, from the most similar past days (day of the week, season, public holidays, school holidays, events near each cell). Aggregated counts only: never images, people, phones or social networks. Every forecast says what it was worth over the year before.',
    'fc.window': 'Window', 'fc.wholeday': 'the whole day', 'fc.matchevening': 'the evening, 18–24 h, within 1 km of the day’s matches', 'fc.marketmorning': 'the morning, 8–13 h, within 1 km of the day’s markets', 'fc.w.expect': 'On {date}, from {from}:00 to {to}:00 ({zone} time), within {m} m of the day’s “{kind}” events: {expected} expected (90 %: {low} to {high}).', 'fc.w.base': 'Similar days without such an event: {base}.', 'fc.w.effect': 'Effect of {n} past “{kind}” events here: {effect} (90 %: {lo} to {hi}), shrunk to {shrunk}.', 'fc.w.effectfew': 'Effect of {n} past “{kind}” events here: {effect}, shrunk to {shrunk} — not enough past events for an interval.', 'fc.w.noevents': 'No past “{kind}” event at this place: no effect estimated.', 'fc.w.skill': 'Over {n} similar past windows: mean error {mae} against {nocal} without the calendar; the 90 % interval held {cover} of the time.', 'fc.w.ok': 'The method beats its baselines on these windows.', 'fc.w.no': 'The method does not beat its baselines on these windows: do not rely on it.', 'fc.w.observed': 'Counted in that window: {n}.', 'fc.source': 'Source', 'fc.date': 'Day', 'fc.top': 'Cells', 'fc.eventdays': 'Days scored', 'fc.alldays': 'every day', 'fc.matchdays': 'match days', 'fc.matchnear': 'match days, within 1 km of the matches',
    'fc.run': 'Forecast', 'fc.nosource': '{where}: no source of accident or incident counts covers this commune; the forecast only covers a commune that has one.', 'fc.syn': 'synthetic', 'fc.computing': 'Computing…',
    'fc.synthetic': 'SYNTHETIC data: these figures describe a generator with planted effects, not Marseille.',
    'fc.meaningful': 'From {from} to {to}, the similar-days method ({method}) beat every baseline (PAI at 1%: {pai}, against {bestpai} for the best, {best}): its forecast is shown.',
    'fc.notmeaningful': 'From {from} to {to}, the similar-days method does not beat every baseline (PAI at 1%: {pai}, against {bestpai} for {best}): its forecast is not presented as meaningful. The cells are ranked by {method}.',
    'fc.day': '{date}: {what}. Expected over the whole area: {total} (source {source}).', 'fc.ordinary': 'an ordinary day', 'fc.holiday': 'public holiday', 'fc.school': 'school holidays',
    'fc.analogues': 'Similar days behind the forecast: {days}… ({n} in all).', 'fc.rank': 'Rank', 'fc.where': 'Where (quartier)', 'fc.expected': 'Expected',
    'fc.interval': '90% interval', 'fc.because': 'Why', 'fc.nosuggest': 'This forecast does not beat its baselines: it is not proposed to the plan.',
    'fc.by.analogue_days': 'what it counted on the {n} most similar past days', 'fc.by.analogue_calendar': 'what it counted on the {n} most similar past days (calendar included)',
    'fc.by.long_term_rate': 'its mean rate over the whole period', 'fc.by.same_weekday_rate': 'its mean rate on the same weekday',
    'fc.by.kde_last_weeks': 'the density of incidents around it over the last four weeks', 'fc.by.self_exciting': 'the recent incidents around it (self-exciting model)', 'fc.near': 'near: {events} ({n} comparable past days)', 'fc.maplabel': 'Map of the forecast',
    'fc.suggest': 'Suggest these cells to the plan (mediators)', 'fc.table': 'Cells to send mediators to first',
    'fc.bttitle': 'What the forecast is worth: the backtest', 'fc.btintro': 'Every day of the last two years was forecast from the days before it only, then compared with what happened. Left, the share of the accidents that fell in the top-ranked cells, against the share of the area they cover (the diagonal: chance). Right, reliability: the forecast probability against the observed frequency (the diagonal: perfect).', 'fc.hitchart': 'Hit rate against the share of the area', 'fc.relchart': 'Reliability diagram',
    'fc.area': 'share of the area (top-ranked cells)', 'fc.forecastp': 'forecast probability (at least one accident per cell and day)',
    'fc.skilltable': 'Skill of each method, one day ahead, {from} to {to}', 'fc.method': 'Method', 'fc.hit': 'Hit rate',
    'fc.btok': 'Verdict: {method} beats every baseline{days}.', 'fc.btno': 'Verdict: {method} does not beat every baseline{days}; do not present it as meaningful.',
    'fc.only': ' ({kind} days only)', 'fc.onlynear': ' ({kind} days only, within {m} m of the events)', 'fc.whypai': 'PAI at {k}%: {v}, not above {bv} ({method})', 'fc.whybss': 'Brier skill {v}, not above {bv} ({method})',
    'm.long_term_rate': 'long-term rate', 'm.same_weekday_rate': 'same-weekday rate', 'm.kde_last_weeks': 'density of the last four weeks',
    'm.analogue_days': 'similar days', 'm.self_exciting': 'self-exciting model (ETAS-like)', 'm.analogue_calendar': 'similar days + calendar',
    'evk.match': 'match', 'evk.demonstration': 'demonstration', 'evk.market': 'market', 'evk.concert': 'concert', 'evk.festival': 'festival', 'evk.road_works': 'road works', 'evk.filming': 'filming', 'evk.other': 'other',
    'plan.suggestion': 'Forecast for {date}: the {n} cells to send mediators to first (orange squares), ranked by {method}{meaningful}. {covered} of them lie within 1 km of a post of the plan.',
    'plan.suggestion.no': ' — not a meaningful forecast, the best baseline\'s ranking', 'plan.suggestion.key': 'cell suggested by the forecast',
    'nav.fibre': 'Fibre', 'fibre.title': 'Fibre through freed conduits', 'fibre.intro': 'The ducts of closed cameras carry fibre to public sites; those left free are rented out.',
    'fibre.pull': 'Pulling through a free duct (€/m)', 'fibre.trench': 'Trench (€/m)', 'fibre.rent': 'Rent (€/m/yr)', 'fibre.maplabel': 'Map of the fibre',
    'fibre.computing': 'Computing…', 'fibre.summary': 'Connecting {sites} sites costs {cost} ({saving} less than trenching everything): {reused} through free ducts, {trench} of trench. The free ducts left bring {rent} a year. Distance to the best network: {gap} at most.',
    'fibre.synthetic': 'Synthetic conduits (demonstration).', 'fibre.cost': 'Cost', 'fibre.saving': 'Saving', 'fibre.reused': 'Ducts reused', 'fibre.trenchm': 'Trench', 'fibre.rentcol': 'Rent / yr',
    'fibre.reusedkey': 'fibre in a freed duct', 'fibre.trenchkey': 'new trench',
    'fibre.streets': 'Trenches follow {km} of streets ({straight} sites out of their reach, joined by a straight line).', 'fibre.nostreets': 'Without a street graph, a trench is a straight line × {detour}.',
    'fibre.budget': 'Yearly budget (€, optional)', 'fibre.spent': 'Spent (budget)', 'fibre.connected': 'Sites connected',
    'nav.events': 'Calendar', 'ev.title': 'Calendar and conflicts', 'ev.intro': 'The events of a period (matches, marches, markets, works) on the map, and the conflicts between them by the rule table, each with its reason.',
    'ev.from': 'From', 'ev.to': 'To', 'ev.show': 'Show', 'ev.table': 'Conflicts', 'ev.maplabel': 'Map of the events', 'ev.clashkey': 'in conflict (red edge)', 'ev.kind.match': 'match', 'ev.kind.demonstration': 'demonstration', 'ev.kind.market': 'market', 'ev.kind.concert': 'concert', 'ev.kind.festival': 'festival', 'ev.kind.road_works': 'road works', 'ev.kind.filming': 'filming', 'ev.kind.other': 'other', 'ev.when': 'When ({zone} time)', 'ev.feeds': 'Calendars subscribed to:', 'ev.feed': '{source} ({host}, every {every} min), last refreshed on {when} ({n}).', 'ev.oneevent': '1 event', 'ev.nevents': '{n} events', 'ev.feednever': '{source} ({host}, every {every} min), never refreshed successfully.', 'ev.feedfail': 'The attempt of {when} failed; its events are those of the last success: {error}', 'ev.a': 'Event', 'ev.b': 'Clashes with',
    'ev.distance': 'Distance', 'ev.reason': 'Reason', 'ev.summary': '{where}: {events} event occurrences in the period, {conflicts} conflicts (red edge on the map).', 'ev.summary1': '{where}: {events} event occurrences in the period, {conflicts} conflict (red edge on the map).',
    'ev.synthetic': 'Some events are synthetic (demonstration); the matches’ time and attendance are assumed.',
    'nav.register': 'Footage access', 'reg.title': 'Register of access to footage', 'reg.intro': 'Every viewing, extraction, transmission and destruction of footage is written in the register. The register itself stays private; a public signed log keeps its fingerprint, which anyone can verify: an entry erased or changed afterwards would show.',
    'reg.summary': '{months} months in the register. Statistical secrecy: no count from 1 to {k1} is published, nor what would give it away.', 'reg.synthetic': 'Synthetic register (demonstration): no entry describes a real event.',
    'reg.table': 'Entries per month', 'reg.month': 'Month', 'reg.secret': 'secret', 'reg.shown': '{n} entries in the published cells.',
    'reg.kind.viewing': 'Viewings', 'reg.kind.extraction': 'Extractions', 'reg.kind.transmission': 'Transmissions', 'reg.kind.destruction': 'Destructions', 'reg.kind.config': 'Configuration',
    'reg.checkpoint': 'Latest signed checkpoint', 'reg.cosigned': 'Cosigned by independent witnesses, who checked that it extends what they had seen: {who}.', 'reg.cosigner': '{name} on {when}', 'reg.nowitness': 'No witness cosigns this checkpoint: nothing would prevent showing another history to another reader. Keep it and compare it with others (see “Verify it yourself”).', 'reg.verify': 'Verify it yourself', 'reg.verifyintro': "With clairvoie (or any C2SP tlog-tiles verifier) and the log's public key, obtained through another channel than this site:",
    'reg.staff': "Staff area", 'reg.oidc': "Sign in with the city's account", 'reg.token': 'Access token', 'reg.login': 'Sign in', 'reg.logout': 'Sign out', 'reg.camera': 'Camera',
    'reg.recordlive': 'Record a live viewing', 'reg.latest': 'Latest entries', 'reg.signed': 'Signed in: {id} ({role}).', 'reg.loginfailed': 'Sign-in refused:',
    'reg.recorded': 'Recorded in the register as entry {index}.', 'reg.when': 'When', 'reg.what': 'What', 'reg.cameras': 'Cameras', 'reg.by': 'By',
    'reg.since': 'Keep this checkpoint: next time, add --since FILE and the command will check that history was not rewritten since.',
    'nav.opendata': 'Open data', 'od.intro': 'Everything clairvoie knows that may be public, as a Frictionless data package, with statistical secrecy, harvestable by data.gouv.fr (DCAT-AP catalogue).',
    'od.lang': 'The package is published in French, the language of its publisher: its descriptions below are in French (the catalogue, catalog.jsonld, also gives its datasets\' titles and descriptions in English).', 'od.files': 'Files', 'od.schema': 'Schema of the cameras', 'od.schemaintro': 'A proposed schema for video surveillance, in the style of schema.data.gouv.fr (Table Schema).',
    'od.file': 'File', 'od.content': 'Content', 'od.licence': 'Licence', 'od.field': 'Field', 'od.title': 'Title', 'od.type': 'Type', 'od.description': 'Description',
    'nav.plan': 'Plan', 'plan.title': 'Reduction plan', 'plan.intro': 'Close the least useful cameras first, year after year, and fund mediators with the savings. Two scenarios side by side.',
    'plan.a': 'Scenario A', 'plan.b': 'Scenario B', 'plan.mode': 'Goal', 'plan.savings': 'yearly savings', 'plan.loss': 'capped loss of usefulness',
    'plan.target': 'Savings to add each year (€)', 'plan.losscap': 'Largest loss of usefulness a year (%)', 'plan.capacity': 'Cameras removable a year',
    'plan.contracts': 'Contracts', 'plan.wait': 'wait for their end', 'plan.compensate': 'break and compensate', 'plan.scenario': 'Costs',
    'plan.central': 'central values', 'plan.low': 'low values', 'plan.high': 'high values', 'plan.method': 'Placing the mediators',
    'plan.mclp': 'maximal covering (MCLP)', 'plan.pmedian': 'p-median', 'plan.run': 'Compute', 'plan.year': 'Year', 'plan.maplabel': 'Map of the plan', 'plan.mapof': 'The map shows scenario A, in the chosen year',
    'plan.budget': 'Yearly budget: cameras and mediators', 'plan.kept': 'Usefulness kept and need covered', 'plan.table': 'Year by year',
    'plan.closed': 'Closed', 'plan.saved': 'Savings / yr', 'plan.posts': 'Mediators', 'plan.keptcol': 'Usefulness kept', 'plan.covered': 'Need covered',
    'plan.gap': 'Max. gap', 'plan.cameras': 'remaining cameras', 'plan.mediators': 'mediators',
    'plan.nousage': '{where}: no camera has usage counts (requisitions, extractions, interventions); without them usefulness cannot be measured and no plan can be made.',
    'fibre.nousage': '{where}: no reduction plan (no usage counts), so no freed ducts to offer the fibre.',
    'plan.bound': 'Distance to the best possible plan: {gap} at most (proved by a Lagrangian relaxation bound).',
    'plan.kept.cam': 'camera kept', 'plan.closed.cam': 'camera closed by {year}', 'plan.posts.map': 'mediator posts (size: number)',
    commune: 'Commune', allcities: 'all communes', nocity: 'unknown commune', cityall: 'This page covers the whole workspace, every commune together.',
    count: '{n} cameras on screen of {sel} in the selection ({where})',
    skip: 'Skip to content', tagline: 'the video-surveillance registry, open and verifiable', nav: 'Sections',
    'nav.map': 'Map', 'nav.registry': 'Registry', 'nav.checks': 'Checks', 'nav.reconcile': 'Reconciliation',
    filters: 'Filters', status: 'Status', source: 'Source', arrondissement: 'Arrondissement', all: 'all',
    colorby: 'Colour by', compliance: 'Compliance', optype: 'Public or private operator', zone: 'Zone',
    programme: 'Programme', choropleth: 'Cameras per 10,000 inhabitants', date: 'In service on',
    'st.active': 'in service', 'st.out_of_service': 'out of service', 'st.planned': 'planned', 'st.removed': 'removed',
    nowebgl: 'This computer offers no WebGL (a virtual desktop, often): the interactive map cannot be shown. Here is a fixed map; click a point for its page. The registry table and the camera pages are complete.',
    'nowebgl.alt': 'Fixed map, without WebGL', maplabel: 'Map of the cameras', recmaplabel: 'Map of the reconciliation', search: 'Search',
    dlcsv: 'Download the selection (CSV)', dlgeojson: 'Download the selection (GeoJSON)',
    prev: 'Previous', next: 'Next', pages: 'Pages', page: 'Page {p} of {n}',
    regcount: '{n} cameras in the selection',
    bykind: 'By kind of finding', byarr: 'By arrondissement', kind: 'Finding', severity: 'Severity', cameras: 'Cameras',
    findings: 'Findings', unknownarr: '(unknown)',
    checkssummary: '{where}, as of {today}: {checked} cameras checked, {breach} with a breach, {clean} with no finding, {out} out of scope (planned, removed or indoor).',
    official: 'Official list (A)', mapped: 'Citizen mapping or another list (B)', recnone: '{where}: one source only ({a}), nothing to reconcile. Import what citizens mapped (OpenStreetMap: clairvoie import --source osm extract.osm.pbf) to compare it with the official list.', within: 'Distance (m)', run: 'Reconcile',
    recsummary: '{matched} matched (median {median} m), {a} only in {an}, {b} only in {bn}.',
    matched: 'matched', onlya: 'only in A', onlyb: 'only in B',
    footer: 'Free software (EUPL 1.2). Data: see each source.',
    synthetic: 'Synthetic data: the Marseille registry shown here is a reconstruction calibrated on public figures, not the real list of cameras.',
    'col.ref': 'Reference', 'col.place': 'Place', 'col.qn': 'Quartier', 'col.a': 'Arr.', 'col.op': 'Operator',
    'col.st': 'Status', 'col.t': 'Type', 'col.z': 'Zone', 'col.s': 'Commissioned', 'col.ret': 'Retention (d)',
    'col.ax': 'Authorised until', 'col.sev': 'Compliance', 'col.src': 'Source', sortby: 'Sort by {c}',
    'sev.breach': 'breach', 'sev.due': 'due soon', 'sev.unknown': 'missing information', 'sev.stale': 'old check',
    'sev.ok': 'no finding', 'sev.out': 'out of scope',
    'ot.public': 'public', 'ot.private': 'private', none: 'not stated', open: 'Open the page',
    nodate: 'Cameras without a commissioning date are always shown.',
    'kind.retention_over_legal_max': 'Retention over one month', 'kind.retention_over_authorised': 'Retention over the authorisation',
    'kind.authorisation_expired': 'Authorisation expired', 'kind.signage_missing': 'No sign',
    'kind.authorisation_expiring': 'Authorisation to renew', 'kind.authorisation_missing': 'No authorisation on record',
    'kind.purpose_missing': 'No purpose on record', 'kind.retention_unknown': 'Retention not stated',
    'kind.signage_unknown': 'Signage not stated', 'kind.signage_unchecked': 'Sign unchecked for a year',
    'kind.not_verified': 'Camera not verified on the ground', more: 'and {n} more',
  },
};

let lang = 'fr';

// The public's words for OSM values (GET /api/config's vocabularies, one
// table per key from the OSM wiki, French then English).
let vocab = {};
export function setVocabularies(list) {
  vocab = {};
  for (const v of list || []) vocab[v.key] = v.values;
}

// word is an OSM value of key in the current language; a value the
// vocabulary does not know is shown as it is, marked "(OSM)".
export function word(key, value) {
  if (!value) return '';
  const l = vocab[key]?.[value];
  if (!l) return `${value} (OSM)`;
  return lang === 'en' ? l[1] : l[0];
}

export function setLang(l) { lang = messages[l] ? l : 'fr'; }
export function getLang() { return lang; }

// t returns the word for key in the current language, with {name} filled in.
export function t(key, vars = {}) {
  const s = messages[lang][key] ?? messages.fr[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? vars[k] : `{${k}}`));
}

// One formatter per locale, for every number and date the app shows:
// 1 968 and 1,968; 22,2% and 22.2%; 1 234 € and €1,234; 10 mars 2024.
const loc = () => (lang === 'fr' ? 'fr-FR' : 'en-GB');
export function num(n) { return new Intl.NumberFormat(loc()).format(n); }
export function fixed(n, digits) { return new Intl.NumberFormat(loc(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n); }
export function pct(share, digits = 1) { return new Intl.NumberFormat(loc(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share); }
export function eur(n, unit = '') {
  if (unit === 'M') return `${fixed(n / 1e6, 1)}\u202fM€`;
  if (unit === 'k') return `${num(Math.round(n / 1000))}\u202fk€`;
  return new Intl.NumberFormat(loc(), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
}
export function month(ym) {
  const [y, m] = ym.split('-').map(Number);
  return new Intl.DateTimeFormat(loc(), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(Date.UTC(y, m - 1, 1));
}

// errorText is what a failed API call says, in the page's language: the
// server says every error in French and English (error.messages).
export function errorText(body, res) {
  const e = body && body.error;
  return (e && ((e.messages && e.messages[lang]) || e.message)) || (res ? `${res.status} ${res.statusText}` : '');
}

export function date(iso) {
  if (!iso) return t('none');
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(loc(), { timeZone: 'UTC' }).format(Date.UTC(y, (m || 1) - 1, d || 1));
}

// translate fills every data-i18n element of root.
export function translate(root = document) {
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
}

// fold lowercases and strips accents, for accent-insensitive search.
export function fold(s) { return (s || '').normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase(); }

// dateTime writes an instant as a date and a time of zone tz (the
// workspace's), in the page's language.
export function dateTime(iso, tz) {
  return new Date(iso).toLocaleString(loc(), { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
}
