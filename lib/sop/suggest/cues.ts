// The cue words of SOP-CX-002 (docs/PRODUCT.md): the ordered rules and the label words that
// lib/sop/suggest/suggest.ts reads customer messages with (`compileCues`). Data, not code: patterns are
// strings, so the build writes them to /sop/cues.json and the side panel loads them as data, like
// its words (docs/ARCHITECTURE.md). A word list, exempt from the 400-line rule; every change here
// is checked by the labelled corpus (tests/unit/sop/suggest-corpus.ts).

import { NEG_EN, W, any, gap } from './text';
export type CueKind = 'ship' | 'refund' | 'mask' | 'no_refund' | 'no_ship';

/** A rule as data: `pattern` and `unlessSentence` are regex sources for `rx()` (./text). */
export interface CueRule {
  kind: CueKind;
  pattern: string;
  unlessSentence?: string;
}

const r = (kind: CueKind, ...alternatives: string[]): CueRule => ({
  kind,
  pattern: any(...alternatives),
});

// Words that turn "fast shipping" or "arrived yesterday" from praise into a complaint.
const COMPLAINT_EN = any(
  'but',
  'however',
  'though',
  'although',
  'still',
  NEG_EN,
  'no',
  'late',
  'delay(?:ed)?',
  'where',
  'broken',
  'damaged',
  'missing',
  'wrong',
  'lost',
  'yet',
  'stuck',
  'refund',
  'return',
  'except',
  'unfortunately',
);
const COMPLAINT_FR = any(
  'mais',
  'cependant',
  'par contre',
  'toutefois',
  'sauf',
  'pourtant',
  'malheureusement',
  'cass[a-z]*',
  'abim[a-z]*',
  'endommag[a-z]*',
  'defectu[a-z]*',
  'manqu[a-z]*',
  'mauvai[a-z]*',
  'erreur',
  '(?:fonctionne|marche) pas',
  'jamais',
  'toujours pas',
  'pas (?:encore )?(?:recu|arrive)',
  'ou est',
  'rembours[a-z]*',
  'retour',
  'retard',
  'autre adresse|mauvaise adresse|rien|personne|voisin|vole|volee|disparue?|introuvable|vide',
);
const praise = (lang: 'en' | 'fr', ...alternatives: string[]): CueRule => ({
  kind: 'mask',
  pattern: any(...alternatives),
  unlessSentence: lang === 'en' ? COMPLAINT_EN : COMPLAINT_FR,
});

const PHYSICAL_EN =
  'order|orders|package|packages|parcel|parcels|stuff|item|items|delivery|shipment|purchase|box|goods|things|product|products';
const NOT_PHYSICAL_EN =
  '(?:email|e-mail|mail|reply|replies|response|answer|confirmation|invoice|receipt|code|refund|money|call|message|update|news|word|feedback|link|password|notification|text|sms|statement|quote|credit|voucher|what i|order confirmation|tracking)';
const NOT_PHYSICAL_FR =
  "(?:de |d'|l'|le |la |les |mon |ma |mes |un |une |aucun |aucune |votre |vos )?(?:reponse|reponses|mail|mails|email|e-mail|courriel|facture|confirmation|code|remboursement|nouvelles|nouvelle|retour|message|appel|avoir|lien|sms|devis|virement|mot de passe|numero)";
const WEB_EN =
  'link|links|url|website|web site|site|webpage|page|checkout|check-out|app|application|login|log in|password|discount code|promo code|coupon code|coupon|voucher code|gift card code|gift card|code|chat|chatbot|chat bot|bot|portal|account|payment page|cart|email|e-mail|newsletter|unsubscribe|payment|voucher';
const WEB_FR =
  'lien|liens|site|site web|page|appli|application|paiement|connexion|mot de passe|compte|espace client|code|code promo|coupon|bon de reduction|code de reduction|panier|formulaire|messagerie|carte bancaire|adresse mail|mail|e-mail|email|courriel|newsletter|desabonnement|carte cadeau';

// Order matters: see scan() in ./text. Specific phrases first, then masks of non-cue senses,
// then negations, then the plain cue words.
const RULES: CueRule[] = [
  // ── A. Phrases whose words would mislead on their own ────────────────────────────────
  // A parcel sent back by the carrier is a delivery problem, not a customer return.
  r(
    'ship',
    'return(?:ed|ing)? to (?:the )?sender',
    "(?:retourne|retournee|retournes|retournees|renvoye|renvoyee|renvoyes|renvoyees|retour) (?:a |a l'|au |chez l')?(?:l'|l )?expediteur",
    'retour expediteur',
  ),
  // A parcel the carrier is bringing back is a delivery problem ("my parcel is being sent back").
  r(
    'ship',
    `(?:parcel|package|order|shipment|delivery|colis|paquet) (?:(?:is|was|has|have|had|been|being|got|now) )+(?:sent|returned|shipped|going) back`,
    `(?:colis|paquet|commande) (?:${W} ){0,2}(?:reparti|repartie|renvoye|renvoyee|retourne|retournee) (?:chez vous|a l'entrepot|au depot|a l'envoyeur)`,
  ),
  // A replacement that has not come is a delivery question, even though "replacement" is a
  // refund-family word ("the replacement you promised never arrived").
  r(
    'ship',
    `(?:replacement|new one|exchange)(?: (?:item|order|parcel|package|unit|product))?(?: ${W}){0,5} (?:${NEG_EN}|still hasn'?t|has still not|yet to|not yet)(?: ${W})? (?:arrived|arrive|come|came|turned up|shown up|showed up|been (?:sent|shipped|delivered|dispatched))`,
    `where(?:'?s| is) (?:my|the) (?:replacement|exchange|new one)`,
    '(?:delivery|delivery attempt|shipment|shipping) (?:has |was |had )?failed|failed (?:delivery|delivery attempt|shipment)',
    'left (?:in|on|at|by|with|under|outside|behind) (?:the |my |a |our )?(?:porch|door|front door|doorstep|neighbou?rs?|safe place|reception|mailroom|garden|bin|gate|step|steps)',
    "(?:depose|deposee|deposes|laisse|laissee|laisses|livre|livree) (?:sous le porche|devant (?:la|ma|chez) (?:porte|moi)|dans (?:la|ma) boite|chez (?:un|le|mon|une|la|ma) voisine?|dans le hall|a l'accueil|au gardien|en lieu sur)",
    `(?:produit |article |colis |envoi )?(?:de )?(?:remplacement|echange)(?: ${W}){0,5} (?:n'est|n'a|ne m'est) (?:(?:toujours|jamais|pas|tjrs?|tjs) )+(?:encore )?(?:arrivee?|parvenue?|ete (?:envoyee?|expediee?|livree?))`,
    `ou (?:est|en est) (?:mon|le|ma|la) (?:produit de |article de |colis de )?(?:remplacement|echange)`,
  ),
  // Sending something back is a return, whatever verb carries it.
  r(
    'refund',
    `(?:ship|ships|shipped|shipping|send|sends|sending|sent|mail|mailed|mailing|post|posted|posting|bring|brought|take|took) (?:it|them|this|these|that|those|everything|the ${W}(?: ${W})?) back`,
    '(?:ship|send|sent|mail|mailed|post|posted) back',
    'return (?:shipping|label|labels|postage|request|policy|process|form|window|period|number|authori[sz]ation)',
  ),
  // The customer's own pick is an order change, not our mistake ("I picked the wrong colour").
  r(
    'mask',
    `(?:i|we) (?:picked|chose|selected|clicked|entered|typed|put in|ticked) (?:the |a |an )?wrong (?:${W})`,
  ),
  // Wrong item / not as described: the runbook's "wrong item shipped" is a refund_offer case.
  r(
    'refund',
    `wrong (?:item|items|product|products|size|sizes|colou?r|colou?rs|model|order|thing|things|one|article|version|book|shoes|pair|parts?|flavou?r|style)`,
    `wrong (?!address|addresses|house|door|flat|apartment|building|postcode|zip|street|city|country|name|email|e-mail|price|prices|number|date|time|card|amount|information|info|details|link|code|tracking|day|way|person|people|depot|location|place|hands|phone|mobile|account|shipping|delivery|billing|invoice|reference|department|team|agent|impression|idea|answer|spelling|password|postal|contact)${W}`,
    `(?:${NEG_EN}|isn'?t|wasn'?t) (?:the|what|the same as what) ${gap(3)}(?:i|we) (?:ordered|paid for|bought|purchased|asked for|chose|selected)`,
    `${NEG_EN} (?:get|got|receive|received) what (?:i|we) (?:ordered|paid for)`,
    `(?:is|was|are|were|looks?|seems?|looked) (?:completely |totally |very |quite |so )?different (?:from|than|to) (?:what|the|my|in|how)`,
    "differente?s? (?:de|du|des) (?:ce que|celui|celle|ceux|celles|la photo|l'image|la description|ma commande|l'annonce)",
    `(?:isn'?t|is not|not|wasn'?t|was not|aren'?t|are not) (?:the|what'?s|what is|what was|like the) (?:${W} ){0,2}(?:in|on) the (?:photo|photos|picture|pictures|image|images|listing|ad|advert|website|site|description)`,
    `ne (?:correspond|correspondent|rentre|rentrent|s'adapte|s'adaptent|va|vont) pas(?: du tout)? (?:a|au|aux|avec|sur|dans) (?:mon|ma|mes|la|le|l'|les) ?(?:modele|telephone|appareil|taille|description|photo|photos|commande|annonce|voiture|ecran|tablette|ordinateur)`,
    'not (?:as|what was) (?:described|advertised|pictured|shown|expected)',
    `(?:different|another) (?:item|product|colou?r|size|model) (?:than|from) (?:what |the one )?(?:i|we) ordered`,
    "sent (?:me|us) (?:the wrong|a different|someone else'?s|the incorrect)",
    "someone else'?s (?:order|parcel|package|item|items|stuff|purchase)|(?:commande|colis|article|produit|paquet)s? (?:de |d')(?:quelqu'un d'autre|une autre personne)",
    `(?:received|got|sent|came|arrived|is|was|it'?s|were|are|they'?re|delivered)(?: (?:me|us|in|with))? (?:a |an |the )?(?:different|another) (?:item|items|product|colou?r|size|model|one|style|design|version|flavou?r|pattern|shade|book|pair)`,
    `(?:ordered|asked for|chose|picked|bought|paid for) (?:a |an |the |one |two |size )?${W}(?: ${W})?,? (?:but|and) (?:you |they |i |it )?(?:sent|got|received|shipped|delivered|came|arrived|is|was|gave)(?: me| us| as)? (?:a |an |the |size )?${W}`,
    `(?:received|got|sent|came with|delivered)(?: ${W}){0,4} instead of`,
    `not the (?:one|size|colou?r|model|item|version) (?:i|we) (?:ordered|chose|picked|selected|bought|paid for|asked for)`,
    "pas (?:ce|celui|celle|ceux|celles) que (?:j'?ai|nous avons|j ai|g|on a) (?:commande|commandee?s?|choisi|choisie?s?|selectionne|achete|demande)",
    `commande (?:un |une |le |la |des |du )?${W}(?: ${W})? (?:et|mais) (?:j'?ai |on m'a |vous m'avez |je )?(?:recu|eu|envoye|livre|obtenu)`,
    `(?:recu|recue|recus|envoye|livre|livree)(?: ${W}){0,6} au lieu (?:de|d'|du|des)`,
    `(?:recu|recue|recus|envoye|received|got|sent) (?:deux fois|twice|2 fois|two of) (?:le meme|la meme|les memes|the same)`,
    `two (?:left|right) (?:shoes?|gloves?|earbuds?|boots?)|mismatched|(?:doesn'?t|does not|don'?t|do not) match(?: the)? (?:photo|picture|image|description|website|listing|ad|advert|order)`,
    `nothing like (?:the |what |in the )?(?:photos?|pictures?|images?|description|website|ad|advert|listing|pictured|advertised|shown)`,
    '(?:looks?|feels?|is|are) (?:really |very |so )?cheap(?:ly made)?',
    `(?:change|swap) (?:${W} ){0,4}(?:(?:i|we) (?:received|got)|it|them|this|these) (?:for|into) (?:a |an |the )?${W}`,
    "(?:pas|non) conformes?|ne ressemble(?:nt)? (?:pas|en rien)(?: du tout)? (?:a|aux|au) (?:la |l'|les )?(?:photos?|images?|description|annonce)|fait (?:bon marche|cheap|toc|camelote)|rien a voir avec (?:la photo|l'image|la description|l'annonce)",
    `(?:used|second[- ]hand|pre-owned|refurbished|opened) (?:item|product|one|unit)|(?:knock-?off|counterfeit|fake(?! (?:tracking|number|email|review|reviews|address|website|site|link|account|delivery))|not genuine|not authentic|not original)`,
    "d'occasion|deja (?:utilisee?s?|portee?s?|ouverte?s?|servie?s?)|contrefacons?|(?:un|une|des|du) (?:faux|fausse|fausses)(?! (?:numero|lien|code|montant|prix|adresse|nom|mail|email|espoirs?))|copie chinoise",
    'incorrect (?:item|product|size|order|colou?r)',
    'mauvai(?:s|se) (?:article|produit|taille|couleur|modele|pointure|commande|reference|coloris|objet|colis|chargeur|cable|piece|pieces|accessoire|version|parfum|saveur|quantite|livre|paire|teinte|format|motif)',
    'pas (?:la|le) bon(?:ne)? (?:article|produit|taille|couleur|modele|pointure|commande|reference|coloris)',
    "(?:n'?est |ne sont )?pas ce que (?:j'?ai|nous avons|j ai) commande",
    `(?:couleur|taille|article|produit|modele|coloris|qualite|matiere|tissu|photo|description)(?: ${W}){0,3} ne correspond(?:ent)? pas`,
    'erreur (?:de|dans (?:la|ma)) (?:commande|article|taille|preparation)',
    `(?:different|differente|differents|differentes|pas le meme|pas la meme) ${gap(3)}(?:commande|celui|celle|ceux)(?: que j'?ai| j'?ai)?(?: commandee?s?)?`,
  ),
  // An item missing from a delivered parcel is fixed by a refund or replacement.
  r(
    'refund',
    'missing (?:an? |one |two |three |some |the |several |a few |all the |my )?(?:item|items|part|parts|piece|pieces|accessor(?:y|ies)|component|components|product|products|screws?|cable|charger|bits?|contents|bottle|book)',
    '(?:item|items|part|parts|piece|pieces|product|products|one|half|something|half of it|contents) (?:is|are|was|were) (?:missing|not (?:there|included|in the box))',
    '(?:box|package|parcel) (?:was|is|came) empty',
    'only (?:works?|working|charges?|plays?|lights? up) (?:in|on|with|from|for) (?:one|the left|the right|half|a few)',
    "ne (?:fonctionne|marche|s'allume|charge)(?:nt)? que (?:d'un|sur un|a moitie|par moments)",
    "(?:fonctionne|marche|fonctionnent|marchent) (?:juste|seulement|uniquement) (?:d'un|sur un|a moitie|par moments|d'un cote|d'un bord)",
    'empty (?:box|package|parcel)',
    `(?:il )?manqu(?:e|ait|ent|aient) (?:la moitie |une partie |le reste |la plupart )?(?:un |une |des |du |de la |de l'|la |le |les |l'|deux |plusieurs |certains |certaines |mes |mon |ma )(?!numero|suivi|reponse|facture|information|infos|nouvelles|mail|confirmation)${W}`,
    `(?:the |a |an |one |my |its |their )(?!tracking|order number|invoice|email|refund|reply|confirmation|receipt)${W} (?:is|are|was|were) (?:missing|not (?:there|included|in the box))`,
    `(?:le |la |les |l'|un |une |mon |ma |mes )(?!numero|suivi|reponse|facture|information|infos|nouvelles|mail|confirmation|remboursement)${W}(?: ${W})? manqu(?:e|ent|ait|aient)(?! de| d')`,
    `missing (?:the |my |a |an |its |some |two |one |all )(?!tracking|number|email|invoice|confirmation|reply|refund|update|receipt|order number)${W}`,
    "(?:il )?manqu(?:e|ait|ent|aient|ant|ante|antes|ants) (?:la moitie |une partie |le reste |la plupart )?(?:un |une |des |du |de la |de l'|la |le |les |l'|deux |plusieurs |certains |certaines )?(?:article|articles|piece|pieces|element|elements|produit|produits|accessoire|accessoires|vis|cable|chargeur|partie|morceau|flacon|livre)",
    '(?:article|piece|element|produit)s? manquante?s?',
    `(?:colis|boite|paquet|carton)(?: ${W}){0,4} vide`,
    `(?:colis|paquet|carton|boite|emballage) (?:${W} ){0,2}(?:ouvert|eventre|perce|dechire)`,
    `(?:package|parcel|box|packaging|seal) (?:was |had been |has been |arrived |came |were )?(?:already )?(?:opened|open|tampered(?: with)?|torn open|ripped open|broken open|resealed)`,
    `(?:items?|stuff|things|parts?|pieces?|products?|bits|contents)(?: ${W}){0,2} (?:missing|fell out|gone)`,
    `(?:${NEG_EN}|without) (?:come|came|coming|arrive|arrived) with (?:the |a |an |any |its |my )?${W}`,
  ),
  // The return process, named before "de retour" (being back) is masked below.
  r(
    'refund',
    '(?:politique|etiquette|bon|bordereau|frais|delai|formulaire|procedure|demande|numero|adresse|service|droit|conditions?) (?:de |des )retours?',
    '(?:faire|effectuer|demander|organiser|initier|lancer) (?:un |le |mon |ce )?retour',
  ),
  // Money back, however it is phrased.
  r(
    'refund',
    `charged (?:me |us )?${gap(3)}(?:twice|two times|double|2x|again|three times)`,
    '(?:charged|billed) (?:me |us )?(?:for )?(?:the )?(?:shipping|delivery|postage|p&p|extra|more|full price|a delivery fee|shipping fees?)',
    `(?:facture|facturee?|preleve|prelevee?|debite|debitee?|compte|comptee?|fait payer)(?: ${W}){0,2} (?:la livraison|les frais de (?:port|livraison)|le port|l'expedition)`,
    'double[- ]charged|double charge|billed twice|overcharged|over-charged|charged (?:me )?(?:the )?wrong (?:amount|price)|charged (?:me )?too much',
    '(?:get|have|want|need|give|send) (?:me )?(?:back )?(?:my |the |our )?(?:money|difference|amount|cash|payment) back',
    `money (?:${W} ){0,3}back|back (?:in|on|to|into) my (?:account|card|bank|bank account|paypal)|my money`,
    '(?:pay|paid) (?:me|us) back',
    'charge ?back',
    'dispute (?:the|this|a) (?:charge|transaction|payment)',
    '(?:debite|debitee|debites|preleve|prelevee|preleves|facture|facturee|factures|paye|payee) (?:deux|2|plusieurs|trois) fois',
    'double (?:debit|prelevement|paiement|facturation)',
    'trop (?:paye|facture|preleve|debite)',
    "(?:recuperer|recupere|revoir|ravoir|rendre|rendez|rendez-moi|rembourser) (?:mon |mes |l'|notre )?argent",
    'mon argent',
    'argent (?:en )?retour',
  ),

  // ── B. Negation and praise: the cue word is there, the intent is not ───────────────────
  r(
    'no_refund',
    `(?:no need|${NEG_EN} need|need not|${NEG_EN} want|${NEG_EN} (?:asking|looking|interested|after|requesting|wanting|seeking|trying to get)|never asked|no desire|rather not)(?: for| in| to| of)?(?: get| have| request| ask for| make| do| ask)?(?: a| an| any| the| my| for a)? (?:refund|refunds|return|replacement|exchange|money back|store credit|credit)`,
    '(?:instead of|rather than)(?: a| an| the| any| getting a| getting)? (?:refund|return|replacement|exchange|store credit)',
    '(?:refund|return|replacement)s? (?:is |are )?not (?:necessary|needed|required|wanted)',
    'no (?:refund|return|replacement) (?:needed|necessary|required)',
    `(?:i )?${NEG_EN} want to (?:return|send) (?:it|them|this)(?: back)?`,
    "(?:pas besoin|nul besoin|inutile|pas la peine) (?:de |d'|du )?(?:un |une |me |de me |d'un |d'une |etre )?(?:rembours[a-z]*|retour[a-z]*|renvo[a-z]*|echang[a-z]*|avoir|remplacement|remplacer)",
    "(?:ne |n')?(?:veux|veut|voulons|souhaite|souhaitons|demande|voudrais|cherche|desire) (?:pas|aucun|aucune|nullement)(?: ?(?:de|d'|du|a|etre|un|une|qu'on|que vous|me|m'))* ?(?:rembours[a-z]*|retourn[a-z]*|renvoy[a-z]*|echang[a-z]*|avoir|remplacement|retour)",
    "(?:plutot|au lieu) (?:qu'|que |d')(?:un |une |de |d'|etre |me |a )?(?:rembours[a-z]*|avoir|echange|retour|remplacement)",
    "pas de remboursement (?:svp|s'il vous plait|merci|necessaire)",
  ),
  r(
    'no_ship',
    `(?:not|nothing|isn'?t|wasn'?t) (?:about|to do with|related to|regarding|a problem with|an issue with|a question about|asking about) (?:the |my )?(?:shipping|delivery|shipment|package|parcel|tracking)`,
    '(?:no|nothing wrong with|no issue with|no issues with|no problem with|no problems with) (?:the )?(?:shipping|delivery)',
    '(?:shipping|delivery|shipment) (?:was|is|has been|went) (?:really |very |super )?(?:fine|ok|okay|great|perfect|quick|fast|smooth|on time|not the (?:issue|problem))',
    "(?:ce )?n'?est pas (?:un probleme de|une question de|la|le) (?:livraison|colis|transporteur)",
    "rien a voir avec (?:la livraison|le colis|le transporteur|l'expedition)",
    "(?:aucun|pas de) (?:souci|probleme) (?:avec|de|pour|concernant) (?:la livraison|le colis|l'expedition|le transporteur)",
    "(?:la )?livraison (?:etait|est|a ete|s'est) (?:tres |bien |super |plutot |vraiment )*(?:rapide|parfaite|impeccable|ok|nickel|top|bien passee|passee|deroulee|bien deroulee)",
  ),
  praise(
    'en',
    `(?:thanks?|thank you|thx|ty|love|loved|appreciate|appreciated|great|excellent|amazing|awesome|super|impressed (?:by|with))(?: for| with| by)?(?: the| your| such| how| a| that)?(?: very| super| really| so)? ?(?:fast|quick|speedy|prompt|rapid|swift|free|early|smooth|lightning fast|quick and easy)? (?:shipping|delivery|dispatch|shipment)`,
    '(?:fast|quick|speedy|prompt|rapid|swift|super fast|lightning fast|very fast|really fast) (?:shipping|delivery|dispatch)',
    `(?:(?:the|my|our|your) )?(?:package|parcel|order|delivery|shipment|box|item|items|it|everything|stuff|they)? ?(?:has |have |had |was |were )?(?:arrived|came|got here|been delivered|delivered|received) ${gap(2)}(?:quickly|fast|early|on time|safely|safe and sound|in (?:good|perfect|great|one) (?:condition|shape|piece)|in one piece|today|yesterday|this morning|last week|promptly|as expected|just fine|fine|ok|okay|perfectly|thanks|thank you|and (?:i|we) love)`,
    `(?:got|received|recieved) (?:my|the|our) (?:order|package|parcel|delivery|shipment|items?|stuff)`,
  ),
  praise(
    'fr',
    '(?:merci|super|top|parfait|impeccable|bravo)(?: pour)?(?: la| votre| cette)?(?: tres| super)? ?(?:rapidite de )?(?:la )?(?:livraison|expedition|envoi)(?: rapide| express| eclair| impeccable| parfaite| soignee)?',
    '(?:livraison|expedition|envoi) (?:super |tres |ultra |hyper )?(?:rapide|eclair|impeccable|parfaite|soignee|nickel|top|en avance|dans les temps)',
    "(?:(?:(?:le|mon|votre|la|ma) )?(?:colis|paquet|commande|livraison)|tout|c'?est) (?:est |a ete |ont ete |sont |m'est )?bien (?:arrivee?s?|recue?s?|livree?s?|parvenue?s?)",
    "(?:(?:(?:le|mon|votre|la|ma) )?(?:colis|paquet|commande|livraison)|tout|c'?est) (?:est |a ete |ont ete |sont |m'est )?(?:arrivee?s?|recue?s?|livree?s?|parvenue?s?) (?:hier|aujourd'?hui|ce matin|rapidement|a temps|en bon etat|sans souci|sans probleme|en parfait etat|dans les temps|merci|en avance|comme prevu)",
    '(?:bien|tout) (?:recu|recue|recus|arrive|arrivee|arrives|livre|livree)',
  ),

  // ── C. Other senses of cue words ──────────────────────────────────────────────────────
  // Shipping phrases that contain a "web" word must be read before the web masks below.
  r(
    'ship',
    // A tracking number that "doesn't work" is a tracking problem, not a faulty product.
    `tracking (?:number|no|#|code|link|id|page|info)(?: ${W}){0,5}? (?:${NEG_EN}|not) (?:work|working|load|loading|valid|exist|show anything)`,
    `(?:numero|num|n°|no|lien|code|page) (?:de |du )?suivi(?: ${W}){0,4}? (?:ne |n')?(?:fonctionne|marche|s'affiche|existe|est valide|donne rien|mene nulle part)(?:nt)? (?:pas|plus|rien)`,
    '(?:numero|num|n°|no|lien|code|page|informations?|infos?|mail|email|sms|reference) (?:de |du )?suivi',
    'tracking (?:number|no|#|code|link|id|page|info|information|details|status|email|url)',
    'track (?:and trace|& trace)',
  ),
  r(
    'mask',
    // "return": a customer who comes back, going somewhere, answering, money on an investment.
    'return(?:ing)? (?:customer|customers|client|clients|buyer|buyers|shopper|shoppers|visitor|visitors|user|users|guest|guests|patron)',
    'repeat customer',
    'in return',
    'return(?:ed|ing|s)? (?:the |your |my |a |his |her )?(?:favou?r|kindness|gesture|love|smile|compliment|compliments|call|calls|email|emails|message|messages|visit|serve|greeting|greetings|wave)',
    '(?:tax|investment|carriage) returns?',
    'return(?:ed|ing)? (?:to|from|home|back home)',
    `(?:when|once|after|until|till|before|upon|on) (?:i |we |my |our )?(?:return|get back)(?! (?:it|them|the|this|these|that|those|my|an?|items?|products?|orders?|purchase)(?![\\p{L}]))`,
    'return (?:trip|flight|ticket|journey|date|key|visit)',
    'point of no return|many happy returns|return on investment',
    // "exchange": currencies and conversations.
    'exchange rates?|(?:email|e-mail|previous|our|last|this|brief|short|phone) exchange|exchange (?:of )?(?:emails|messages|views|ideas)|foreign exchange|stock exchange|exchange student',
    // "track", "package", "delivery", "fault", "work" in senses that are not about parcels or defects.
    'keep(?:ing)? track|on track|off track|track record|fast[- ]track(?:ed)?|(?:music|audio|song|bonus|sound|first|second|third|last|title) track',
    '(?:premium|basic|starter|standard|pro|business|enterprise|subscription|holiday|vacation|software|data|support|service|pricing|membership|travel|insurance|protection|benefits|care|spa|wedding|family|welcome|bundle|starter) packages?',
    'package (?:deal|deals|plan|plans|price|pricing|upgrade|tier|tiers|option|options)',
    '(?:speech|service|content|project|software|talk|presentation) delivery|delivery of (?:the |a |your |this |our )?(?:speech|service|training|course|talk|project|presentation|content|webinar|session|workshop|lecture|class|seminar|keynote|pitch|lesson)',
    // Where to send it is an account change, not a delivery problem.
    '(?:delivery|shipping|billing|postal|mailing|home|return) address(?:es)?',
    "adresse (?:de livraison|d'expedition|de facturation|postale)",
    // Changing an order before it ships is about the order, not the delivery.
    `before (?:it|they|the order|my order|the package|you) (?:ships?|is shipped|gets shipped|has shipped|are shipped|goes out|leaves|dispatch(?:es)?|send (?:it|them))`,
    'before (?:shipping|dispatch|shipment)',
    "avant (?:l'|son |leur |sa )?(?:expedition|envoi|livraison)",
    "avant (?:de l'|de les |d')?(?:expedier|envoyer)",
    "avant qu'(?:elle|il|elles|ils|la commande|le colis|on) (?:ne )?(?:soit|soient|parte|partent|l'envoie|l'expedie)(?: (?:expediee?s?|envoyee?s?|partie?s?))?",
    'freeze (?:my |the |our )?(?:account|card|subscription|membership|order)|damage (?:waiver|deposit|insurance|protection|cover|coverage)|(?:hiring|recruit[a-z]*) (?:delivery )?drivers?|recrut[a-z]* (?:des )?(?:livreurs?|chauffeurs?|livreuses?)',
    '(?:un|des|de|vos) retours? (?:concernant|sur|au sujet|quant|a propos|vis-a-vis|pour ma candidature|a ma demande)',
    'split (?:my|the|this) (?:order|payment|shipment|delivery|bill)|split (?:into|in|across) (?:two|2|three|3|several|multiple|separate)',
    `(?:adresse|address|numero|number|informations?|info|details|nom|name|formulaire|form|profil|profile)(?: ${W})? (?:est |is |was |etait )?(?:incomplete?s?|incomplet)`,
    // Asking whether you deliver somewhere is a pre-sales question: no order is on its way.
    '(?:do|can|will|would) you (?:guys )?(?:ship|deliver|send)(?: orders?| parcels?)? (?:to|in|internationally|abroad|overseas|outside|worldwide|on (?:saturdays?|sundays?|weekends?))',
    "(?:livrez|expediez|envoyez)-vous|(?:est-ce que |est ce que )?vous (?:livrez|expediez|envoyez) (?:en|au|aux|a|dans|aussi|egalement|le|les|partout|a l'etranger)",
    // Promotions and prices of shipping.
    'free (?:shipping|delivery)',
    '(?:delivered|deliver|shipped|ship|sent|send) (?:it |them )?(?:as a gift|to a friend as a gift)|gift (?:wrap|wrapped|wrapping|message|receipt|note)',
    '(?:shipping|delivery) (?:cost|costs|fee|fees|price|prices|rate|rates|charge|charges|options?|times?|policy|methods?)',
    "(?:frais|cout|couts|tarif|tarifs|prix|delai|delais|mode|modes|options?) (?:de |d')(?:livraison|expedition|port|envoi)",
    'livraison (?:gratuite|offerte)',
    'frais de port',
    // Software, not goods.
    `(?:${WEB_EN})(?: ${W}){0,3}? (?:is |was |seems |keeps |are |were )?(?:broken|not working|${NEG_EN} work(?:ing)?|${NEG_EN} load(?:ing)?|stopped working|faulty|glitch(?:y|ing)?|down|dead|expired|invalid|crash(?:es|ed|ing)?|freez(?:es|ing)|froze|frozen|keeps (?:crashing|freezing|logging me out))`,
    'broken (?:link|links|url|page|website|site|promise|promises|english|french|record|heart)',
    `${NEG_EN} work (?:for|with) (?:me|us|my schedule)`,
    `(?:my|your|our|their|his|her|no one'?s|nobody'?s|not (?:my|your)) fault|at fault`,
    `(?:guaranteed|guarantee) (?:delivery|shipping|arrival|by)|(?:delivery|shipping|arrival) (?:is |was )?guaranteed`,
    "take a break|lunch break|i'?m broke",
    // French: "votre retour" is your reply; "de retour" is being back; "échanges" are emails.
    "(?:votre|vos|ton|tes|leur|leurs) retours?(?! (?:de|du|des|d') ?(?:l'|la |le |mon |ma |mes )?(?:article|colis|produit|commande|paquet|achat))",
    "retours? (?:de votre part|de ta part|de vos services|de votre service|de la part|rapide|positif|positifs|negatif|d'experience|client|clients)",
    "(?:sans|aucun|aucune|pas de|pas eu de|toujours pas de|attente d'un|attente de votre|attends un|attendons un|espere un) retour(?! (?:de|du|des|pour|d') ?(?:l'|la |le |mon |ma |mes )?(?:article|colis|produit|commande|paquet|remboursement|achat))",
    "dans l'attente (?:d'un|de votre|de vos) retours?",
    'en retour',
    '(?:suis|serai|sera|serons|seront|serez|seras|etre|etes|est|sont|etais|etait|etions|serais|serait|sommes|revenu|revenue) de retour',
    "de retour (?:de|d'|a|au|en|chez|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|la semaine|le)",
    "au retour (?:de|d'|des) (?:mes |mon |ma )?(?:vacances|voyage|conges|deplacement)",
    '(?:a|des) mon retour',
    'aller[- ]retours?|retour en arriere|retour a la normale',
    'se retourn[a-z]*|retourner (?:voir|chez|dans|en|au travail|au bureau)',
    // "renvoyer" a mail, a link, a code is resending it.
    "(?:me|m'|nous) (?:le |la |les |l')?renvoy[a-z]*",
    "renvoy[a-z]* (?:le |la |les |un |une |mon |ma |mes |l'|votre |vos |ce |cette )?(?:mail|mails|email|e-mail|courriel|message|lien|code|facture|photo|photos|sms|formulaire|document|documents|confirmation|numero|mot de passe|identifiants|devis|reponse)",
    '(?:nos|notre|vos|votre|mes|cet|ces|suite a nos|suite a notre|suite a votre|suite a vos|de nos|de notre|nos derniers|notre dernier) echanges?',
    'echanges? (?:de |par )(?:mails?|emails?|messages?|courriels?|telephone)',
    'taux de change',
    "(?:thanks?|thank you|merci) (?:for|pour) (?:the |our |this |that |l'|cet |notre |nos |ce )?(?:exchange|echange)s?|exchange (?:this morning|yesterday|earlier|today|on the phone|we had)|echanges? (?:de ce matin|d'hier|de tout a l'heure|d'aujourd'hui|que nous avons eu|telephonique)",
    "(?:mon|notre|votre|nos|vos|l'|cet|ces) echanges? (?:avec|telephoniques?|par)",
    // The customer cannot manage something: "je n'arrive pas à me connecter".
    "(?:je |j'|tu |on |nous |vous )(?:ne |n')?(?:y )?arriv(?:e|es|ons|ez|ent|ais|ait) (?:toujours )?(?:pas|plus|jamais)",
    "(?:n'|ne )?y arriv(?:e|ons|ez) pas",
    "arriv[a-z]* (?:pas |plus |jamais )?a (?:me |m'|te |t'|se |s'|nous |vous |le |la |les |l')?[a-z]+(?:er|ir|re)(?![\\p{L}])",
    // Websites, codes and payments do not break like goods do.
    `(?:${WEB_FR})(?: ${W}){0,3}? (?:ne |n')?(?:fonctionne|marche|passe|fonctionnent|marchent|s'affiche|charge) (?:pas|plus)`,
    `(?:${WEB_FR}) (?:est |semble )?(?:casse|en panne|hs|bugge|plante|bloque|expire|invalide|refuse)`,
    'satisfait ou rembours[a-z]*',
    'livraison garantie|garantie? (?:de )?livraison',
    "remplac(?:er|e) (?:l'|mon |ma |mes |votre )?(?:adresse|email|mail|numero|mot de passe|carte|telephone)",
    '(?:un |une |le |la |mon |ma )?(?:nouveau|nouvelle) (?:adresse|mot de passe|numero)',
  ),

  // ── D. Refund / return / defect cue words ────────────────────────────────────────────
  r(
    'refund',
    're[- ]?funds?|refund(?:ed|ing|able)|refun|refound|refunt|refnd|reimburs[a-z]*|reimbursment|compensat(?:e|ed|ion)',
    'store credit|credit note|credit (?:my|me|back|it back)|(?:gift card|voucher) instead',
    'return(?:s|ed|ing)?|retrun(?:ed)?|rma',
    'exchang(?:e|es|ed|ing)|swap(?:s|ped|ping)?',
    'replac(?:e|ed|es|ing|ement|ements)|(?:send|ship|get) (?:me |us )?(?:a )?(?:new|another) one',
    `(?:a |small |big |large )?chips? (?:on|in|out of) (?:the|it|my|one)|gash(?:es)?|goug(?:e|ed|es)|smudg(?:e|ed|es)|blemish(?:es)?|discolou?ration|crooked|misaligned|loose threads?|snagged|corrod(?:ed|ing)|stale|gone off|out of date|past (?:its|the) (?:best before|use by|expiry)|contaminated|(?:a )?(?:hair|bug|insect|fly|worm)s? in (?:it|the|my)|seeping|dripping|burnt|scorched|swollen|bulging|no (?:sound|picture|signal|power)|(?:blank|black) screen|won'?t boot|beep(?:s|ing)|too (?:hot|loud|noisy)|noisy|creak(?:s|y|ing)|unstable|(?:falls|tips) over|(?:holes|parts) (?:${NEG_EN}|do not) (?:line up|fit|match)|itchy|uncomfortable|gave me blisters|see-through|colou?r (?:ran|runs|bleeds|bled|came off)|stretched|lost (?:its|their) shape|flimsy|(?:poorly|badly|cheaply) made|(?:bad|poor|loose) stitching|stitching (?:came|has come|is coming) (?:undone|apart|loose)|flak(?:ing|es|ed)|delaminat(?:ing|ed)|twisted|seal (?:was |is )?broken|broken seal|dirty|smelly|(?:works|working) intermittently|intermittent(?:ly)?|not working properly|only lasted|lasted (?:a|one|two|three|only a|less than a) (?:day|days|week|weeks|month)|(?:stopped|died|quit|broke down|gave up|gave out|gave way|conked out|packed up) (?:after|within|in|on) (?:\\d+|a|an|one|two|three|few|only|the first|day|week)`,
    "chipping|freez(?:e|es|ing)|froze|restart(?:s|ing)? (?:on its own|by itself|itself|randomly|constantly|all the time)|reboot(?:s|ing)|(?:motor|battery|engine|pump|power|mechanical) failure|sag(?:s|ging|ged)?|lumpy|deflat(?:es|ed|ing)|came loose|comes loose|coming loose|unscrew(?:s|ed|ing)|(?:keeps|kept) (?:falling|coming|breaking|freezing|restarting|crashing|dying|dropping|disconnecting|leaking|stopping|turning off|switching off)|disconnect(?:s|ing)|dies (?:after|quickly|within|every)|drains? (?:quickly|fast|overnight|in)|short circuit|blew (?:a |the )?fuse|blown (?:fuse|up)|exploded|out of order|(?:is|are|was|were) (?:falling|coming) (?:apart|off)|(?:it|this|these|they)(?:'s|'re| is| are) (?:rubbish|junk|trash|garbage|crap|useless)|shr[au]nk|shrinks?|shrunken|discolou?red|scuff(?:ed|s)?|fingerprints?|burning smell|smells? (?:like|of) burn(?:ing|t)|smok(?:e|es|ing)|sparks?|sparking|overheat(?:s|ed|ing)?|cuts? out|cutting out|(?:shuts?|switch(?:es)?|turns?) (?:off|down) (?:by itself|on its own|randomly|after)|keeps (?:turning|switching|shutting|cutting) (?:off|out)|flicker(?:s|ing)?|buzz(?:es|ing)|rattl(?:es|ing)|grinding|crackl(?:es|ing)|distorted|wobbl(?:y|es|ing)|squeak(?:s|y|ing)|jammed|pill(?:ing|ed)|bobbl(?:ed|ing)|rust(?:y|ed|ing)?|tarnish(?:ed|ing)?|turned (?:my [a-z]+ )?(?:green|black)|warped|smells? (?:bad|awful|weird|strange|horrible)|stinks|(?:problem|issue|fault) with (?:the|my|this) (?:product|item|device|unit|machine|appliance)|in (?:pieces|bits|shards|tatters)|(?:has |have |had |was |were )?split (?:open|apart|at|along|in (?:two|half)|down|on|after|during|when)|streak(?:s|ing|y)?|stripped|busted|bust|knackered|wrecked|trashed|mangled|banged up|beat up|battered|water[- ]damaged?|waterlogged|wet through|(?:not (?:of )?|un)satisfactory(?: quality)?|reject (?:them|it|the goods|the item)|(?:tear|rip|hole|gash|crack|dent|stain|scratch)(?:es|s)? (?:in|on|across|down|along) (?:it|them|the|my|one)|(?:burnt|burned) out|fried|(?:has|have|had|with|got|are|is|full of) (?:a |some |big |small |tiny |several |little )?holes?|(?:a|has a|with a|big|small|little) (?:tear|rip) (?:in|on)|splitting|seams? (?:[a-z]+ )?split|unstitched|(?:came|coming) undone|mou?ld(?:y|ed)?|damag(?:e|ed|es|ing)|broke|broken|smashed|shattered|cracked|cracks?|chipped|dented|dents?|dinged|dings|crushed|squashed|torn|ripped|scratch(?:ed|es)?|stained|stains?|leak(?:s|ed|ing|y)?|ruined|destroyed|bent|snapped|melted|mou?ldy|rotten|spoil(?:ed|t)|expired|dead on arrival|doa|holes? in (?:it|them|the|my)|fell apart|falling apart|came apart|came off|fell off|peel(?:ing|ed)|fad(?:ed|ing)|frayed|unraveled|unravelled|soaked",
    `defect(?:ive|s)?|faulty|fault|malfunction(?:s|ing|ed)?|(?:(?:does|did|wo|is|was|are|were)n'?t|does not|did not|will not|is not|was not|are not|not|never|no longer|stopped|stop|quit|quits) (?:even |really |properly |anymore )?(?:work|working|works|turn(?:ing)? on|charge(?! (?:me|my|us|you|the card|shipping|tax|for))|charging|charges(?! (?:me|my|us|you|the card|shipping|tax|for))|power(?:ing)? on|start|starting|fit|fits|close|closes|zip|open|opens|function|functioning|switch on|boot|light up|play|hold a charge|stay on|stick|screw in|screw on|register|respond|connect|pair|sync|heat|heat up|cool|spin|print|scan|recogni[sz]e|read|lock|inflate|flush|drain|seal|keep time)`,
    // A problem with the thing itself (not the order, the account or the parcel) is a defect.
    `(?:something|anything) (?:is |was |seems )?(?:wrong|off|not right) with (?:the|my|this|these|it|them)(?! (?:order|orders|account|payment|delivery|website|site|app|invoice|bill|card|email|tracking|parcel|package|courier|refund|address))`,
    `(?:problem|problems|issue|issues|fault|faults|defect|defects) with (?:the|my|this|these|both|one of the) (?!order|orders|account|payment|delivery|shipping|website|site|app|invoice|bill|card|email|tracking|parcel|package|courier|refund|address|checkout|discount|code|subscription|booking)${W}`,
    `(?:probleme|problemes|souci|soucis|defaut|defauts) (?:avec|sur) (?:le |la |les |mon |ma |mes |l'|ce |cette |cet |un |une )(?!commande|compte|paiement|livraison|site|appli|application|facture|carte|mail|colis|suivi|remboursement|adresse|code|abonnement|panier)${W}`,
    `(?:quelque chose|qqch) (?:ne va pas|cloche) avec (?:le |la |les |mon |ma |mes |l'|ce |cette |cet )(?!commande|compte|paiement|livraison|site|facture|colis)${W}`,
    '(?:is|are|was|were|arrived|went|came|already) dead|dead (?:pixels?|battery|batteries|bulbs?|zones?|spots?|on arrival)|poor quality|bad quality|low quality|cheaply made|quality (?:is|was) (?:poor|bad|terrible|awful|horrible|not good)',
    '(?:too|very|way too|much too) (?:small|big|large|tight|loose|short|long)|wrong fit',
    `(?:${NEG_EN}|un)(?: very| at all| really| so)? (?:happy|satisfied|pleased) with (?:the |my |this |these |your )?(?:product|item|quality|purchase|shoes|dress|jacket|material|fabric)`,
    `dissatisfied|disappointed (?:with|in|by) (?:the |this |my |these )?(?:product|item|quality|purchase|shoes|dress|jacket|material|fabric)`,
    'warrant(?:y|ies)|guarantee|guarantees',
    '(?:gave|giving|give) (?:me|my [a-z]+) (?:a )?rash|allergic reaction',
    // French.
    'r[ae]mbour[cs]{1,2}[a-z]*|rembour[a-z]*',
    "dedommag[a-z]*|indemni[a-z]*|geste commercial|(?:un|d'un|cet|mon|votre|sous forme d'|bon d') ?avoir(?! (?:le|la|les|un|une|des|du|de|d'|acces|besoin|l'|plus|mon|ma|mes|votre|vos|lieu|raison|peur|tort|envie|confirmation|une reponse|des nouvelles|affaire|a))|bon d'achat",
    'retour(?:s)?|retourn(?:er|e|ee|es|ees|ez|ons|erai|erais|erons|ant|ait|ais)|renvo(?:i|is|yer|ye|yee|yes|yees|yez|yons|ie|ies|ierai|ierais|yant)',
    'echang(?:e|er|es|eons|ez|erai|erais|ee|ees|eable)|remplac(?:er|ement|ements|e|ee|ez|ant|erai|erais)',
    '(?:envoyer|renvoyer|expedier|recevoir|avoir) (?:un|une) (?:nouveau|nouvelle|autre)',
    'endom+ag[a-z]*|abim[a-z]*|cass(?:e|ee|es|ees|er|ait|ant|ure)|bris(?:e|ee|es|ees|ure)|ecras(?:e|ee|es|ees)|fissur[a-z]*|felure|felee?|dechir[a-z]*|troue?e?s?|trou|trous|(?:est|sont|etait|etaient|arrivee?s?|completement|tout|toute|ete|deja|tres|ecran|verre|vitre) ray(?:e|ee|es|ees)|rayures?|moisi[a-z]*|perime[a-z]*|pourri(?:e|es|s|ture)?|fuit|fuite|fuites|fui|fuyait|coule|detruit[a-z]*|en morceaux|en miettes|tordu[a-z]*|cabosse[a-z]*|decolle[a-z]*|deteint|deforme[a-z]*|(?:est|sont|etait|etaient|arrivee?s?|ete|deja|tout|toute) tachee?s?|(?:des|une|plein de) taches? (?:sur|de|du)',
    'defectu(?:eux|euse|euses|osite)|defaut(?:s)?|vice cache',
    "(?:ne |n')?(?:fonctionne|marche|s'allume|charge|demarre|ferme|s'ouvre|tient|fonctionnent|marchent|s'allument|chargent|demarrent|s'allumait|fonctionnait|marchait) (?:pas|plus|jamais|mal)",
    'en panne|hors service|hs|panne',
    'en (?:plusieurs |mille |deux |trois )?(?:morceaux|miettes)|decousu[a-z]*|se decoud|retract[a-z]*',
    "(?:se )?devisse[a-z]*|(?:est|sont|etait|etaient|arrivee?s?|completement|tout|toute|a|ont|ete) fondue?s?|affaiss[a-z]*|freeze|plant(?:e|ent|ait) (?:tout le temps|sans arret|sans cesse|regulierement|souvent)|redemarr[a-z]* (?:tout seul|toute seule|sans arret|sans cesse)|se (?:decroche|detache|casse|dechire|defait|decolle|desagrege)(?:nt)?|s'abim[a-z]*|ne tien(?:t|nent) pas|defaillan[a-z]*|en rade|batterie (?:ne tient|se decharge|morte|hs|a plat)|(?:se )?decharg(?:e|ent) (?:tres |trop )?(?:vite|rapidement)|(?:c'est|c est|produit) (?:de la |du )?(?:camelote|merde|pacotille|n'importe quoi)|inutilisable",
    `(?:coque|housse|etui|piece|pieces|article|produit|cartouche|filtre|ampoule|pile|piles|chargeur|cable|vis|couvercle|recharge|embout|accessoire)s?(?: ${W}){0,2} ne (?:rentre|rentrent|s'adapte|s'adaptent|s'emboite|s'emboitent|correspond|correspondent) pas`,
    "fendu(?:e|s|es)?|fente|mouill(?:e|ee|es|ees)|trempee?s?|scrap|fichue?s?|foutue?s?|(?:a|ont|est|sont|avait) grille(?:e|s|es)?|trainees|(?:a|ont|avait|avaient) cede|jauni[a-z]*|eclats? (?:sur|dans|au|a)|(?:une|des|grosse|grosses|petite|petites|plein de|enorme|enormes) (?:grosses? |petites? |enormes? )?taches? (?:sur|de|du|partout|au|a)|ebrech[a-z]*|bossel[a-z]*|une bosse|enfonce(?:e|s|es)?|(?:est|sont|arrivee?s?|completement|tout|toute) pliee?s?|gondol[a-z]*|delave[a-z]*|(?:est|sont|etait|arrivee?s?|tres|tout|toute) sales?|avarie[a-z]*|pas frais|pas fraiche|date (?:depassee|de peremption depassee)|(?:un )?(?:cheveu|insecte|poil|ver) dans|suinte[a-z]*|brule(?:e|s|es)?|gonfle(?:e|s|es)?|chauffe (?:trop|beaucoup|anormalement)|(?:il |ca |elle )?fume|etincelles?|ecran noir|pas de (?:son|image|signal)|bancale?|instable|se renverse|(?:gratte|grattent)|inconfortable|fait mal aux pieds|(?:donne|fait) des ampoules|detendue?s?|(?:a|ont) perdu (?:sa|leur) forme|mal (?:fini|finie|cousu|cousue|assemble|assemblee|fait|faite)|coutures? (?:qui lache|defaite|decousue|ont lache|a lache)|s'effrite[a-z]*|(?:a|ont|avait|avaient|est|sont) lache(?:e|s|es)?|(?:n'a|n'ont) (?:tenu|dure) que|(?:s'est arretee?|a lache|ne marche plus|ne fonctionne plus|est tombee? en panne|a casse|s'est cassee?) (?:au bout|apres|des|en)",
    "retreci[a-z]*|decolore[a-z]*|(?:s')?ecaill[a-z]*|(?:s')?effiloch[a-z]*|boulochage|bouloche[a-z]*|rouill[a-z]*|noirci[a-z]*|terni[a-z]*|oxyde[a-z]*|surchauff[a-z]*|gresill[a-z]*|clignot[a-z]*|grince[a-z]*|odeur (?:de brule|bizarre|forte|chimique|de plastique)|sent le brule|(?:fait|faisait) (?:un |du )(?:bruit|boucan)|bruit (?:anormal|bizarre|etrange|inquietant)",
    "(?:s'arrete|s'eteint|se coupe|s'arretent|s'eteignent|se coupent|s'est arretee?|s'est eteinte?) (?:tout seul|toute seule|tous seuls|toutes seules|sans raison|au bout|apres|en plein|regulierement|sans cesse|sans arret)",
    "(?:presente|a) un (?:probleme|souci|defaut) (?:de fonctionnement|technique)|(?:probleme|souci|defaut) (?:avec|sur) (?:le|mon|la|ma|l'|cet|ce|cette) (?:produit|article|appareil|machine|objet|ecran|batterie|telephone|montre|aspirateur|lampe|casque)",
    '(?:trop|beaucoup trop) (?:petit|petite|petits|petites|grand|grande|grands|grandes|large|larges|serre|serree|court|courte|long|longue|etroit|etroite)',
    'mauvaise qualite|qualite (?:mediocre|decevante|nulle|horrible|pas terrible|tres moyenne|pas au rendez-vous|deplorable)',
    "pas (?:satisfait|satisfaite|content|contente) (?:de|du) (?:la |l'|mon |ma |cet |ce |cette )?(?:qualite|produit|article|achat)",
    "(?:decu|decue|decus|decues|deception) (?:par|de|du) (?:la |le |l'|mon |ma |cet |ce |cette )?(?:qualite|produit|article|achat|matiere|tissu)",
    'ne (?:me |nous )?convien(?:t|nent) pas|ne (?:me |nous )?va pas',
    'retractation|garantie',
    'incomplete?s?|incomplet|incomplets',
    `only (?:got |received |had |were |was |came with |there were |contained )?(?:\\d+|one|two|three|four|five|six|half)(?: ${W}){0,4} (?:but|when|instead of|though|although|while) (?:i |we )?(?:paid|ordered|asked|bought|it should)`,
    `(?:\\d+|one|two|three|four|five|six) (?:${W} ){0,2}(?:short|too few)|short (?:by|of) (?:one|two|\\d+)`,
    `(?:n'y avait|il y avait|j'?ai recu|recu|on m'a envoye|vous m'avez envoye) (?:que|seulement) (?:\\d+|un|une|deux|trois|quatre|cinq|six|la moitie)(?: ${W}){0,4}(?: au lieu (?:de|d')| alors que| sur)`,
    `(?:completely |totally |very |a )?different (?:shade|colou?r|size|material|texture|fabric|pattern|finish)`,
    `(?:couleur|teinte|taille|matiere|texture) (?:${W} ){0,2}(?:completement |totalement |tres |bien )?differente?`,
    `${W} missing (?:from|in|out of) (?:the |my |a )?${W}|missing pages|pages? (?:are |is )?missing`,
    'il manque des pages|pages manquantes',
  ),

  // ── E. Shipping cue words ────────────────────────────────────────────────────────────
  r(
    'ship',
    'ship(?:s|ped|ping|ment|ments)?|shiped|shiping|shipp?ment|shipement|reship(?:ped|ping|ment)?|dispatch(?:ed|es|ing)?|despatch(?:ed)?',
    'deliver(?:s|ed|ing|y|ies)?|delivary|delivey|delievery|delevery|deliverd|delivred|undeliver(?:ed|able)|redeliver(?:y|ed)?',
    'carriers?|couriers?|curier|ups|usps|fedex|fed ex|dhl|royal mail|canada post|australia post|evri|hermes|dpd|gls|tnt|purolator|postnord|post office|postman|postwoman|mailman|mail carrier|amazon logistics|ontrac|lasership|yodel|parcelforce|aramex',
    `tracking|trackin|traking|tracknig|tracker|track (?:my|the|this|our|an?|your|it|them|its|his|her|where)(?: ${W}){0,2}|track(?:ing)? (?:number|no|#|code|link|id)`,
    'packages?|parcels?|pakages?|packge|pacakge|parcle|pkg',
    '(?:the|a|your|our|delivery|ups|dhl|fedex|dpd|usps|amazon) drivers?',
    'nothing (?:has )?(?:came|come|arrived|turned up|showed up|shown up)',
    '(?:by|via|with) (?:express|next[- ]day|overnight|priority|tracked)(?: (?:delivery|shipping|post|mail))?|express (?:post|mail|option|upgrade|delivery|shipping)|upgrade (?:to|my order to) (?:express|next[- ]day|priority)',
    `ordered (?:${W} ){0,5}(?:and )?still nothing`,
    "ordered[^.!?\\n]{0,80}?(?:and |but |still |yet |now |it'?s [^.!?\\n]{0,20} and )nothing",
    'command(?:e|ee|es|ees|er)[^.!?\\n]{0,80}?(?:et |mais |toujours |tjrs? |et toujours )(?:rien|que dalle|nada)',
    `(?:commande|commandee?|commander) (?:${W} ){0,5}(?:et )?(?:toujours|tjrs?|tjs|toujour) rien`,
    'stuck (?:at|in) (?:the |a )?(?:border|customs|depot|warehouse|hub|facility|sorting|transit|post)',
    `(?:has|have|is|did) (?:my |the |our )?(?:order|package|parcel|shipment|it|they)(?: (?:no\\.? ?|#|number )?\\d+)? (?:left|gone|gone out|been sent|been posted)(?: yet| already| the (?:warehouse|depot))?`,
    `where(?:'s| is| are) (?:it|they)(?: now)?(?= ?[?!.]|$)`,
    `ou (?:est|sont)-(?:il|elle|ils|elles)(?= ?[?!.]|$)`,
    `(?:waiting|wait|attend|attends|attendons) (?:for |on )?(?:my|her|his|our|their|son|sa|ses|mon|ma|mes|notre|nos) ${W}(?: ${W})?,? (?:for|since|depuis|it'?s been|ca fait) (?:\\d+|a|one|two|three|several|plusieurs|deux|trois|une|un) (?:days|weeks|jours|semaines|mois|months)`,
    'label created|pre-?transit|awaiting (?:collection|pickup|carrier)|pending (?:pickup|collection)',
    `(?:order|package|parcel|it|they|delivery|shipment) (?:${W} )?make it (?:before|by|in time|for|on time)`,
    `(?:sent|send|sending|go|goes|went|gone|ship|shipped|head|headed) out(?! (?:an? |the )?(?:email|e-mail|invoice|newsletter|survey|link|code|reply|message))`,
    `(?:order|orders|package|parcel|it|items?|they|stuff|purchase) (?:${W} ){0,2}(?:be |been |was |were |get |gets |got )sent(?! (?:to me )?(?:by|via) (?:email|e-mail|mail))`,
    `(?:order|package|parcel|delivery|it|items?|stuff|they|shipment|purchase) (?:${W} )?(?:coming|arriving)(?! back)`,
    "in transit|en route|on (?:its|it's|the|their) way|out for delivery|left (?:the|your) (?:warehouse|facility|depot)|customs|lost in (?:the )?(?:post|mail|transit)|in the (?:post|mail)|(?:mailed|posted) (?:it|them|out)|postage|depot|sorting (?:centre|center|facility|office)|pick ?up point|pickup location|collection point|parcel locker|locker|porch|doorstep|mailbox|letterbox|po box",
    `${NEG_EN}(?: ${W}){0,2} (?:arriv(?:e|ed|ing)|show(?:n|ed)? up|turn(?:ed)? up|get here|got here|been delivered|be here|reached me|reach me)(?! with)`,
    `(?:order|orders|package|parcel|it|they|delivery|shipment|items?|stuff|box) (?:${NEG_EN}|still hasn'?t|has still not)(?: ${W})? (?:come|came)(?! with| back)`,
    'never came|never showed up|never turned up',
    `(?:yet to|still not|not yet) (?:arrive|arrived|come|received|be delivered)`,
    `arriv(?:e|ed|es|ing) late|late (?:arrival|delivery)|arriving|arrival|eta|estimated (?:delivery|arrival|date)`,
    `(?:when|will|supposed|expected|due|should|meant|going|scheduled|likely|ever) ${gap(4)}(?:to )?(?:arrive|be here|get here|be delivered|reach me|show up|turn up|receive (?:it|them|my)|get (?:it|them|my (?:order|package|parcel|stuff|items?|delivery|shipment)))`,
    `(?:when|will) (?:it|they|my order|the order|my package|the package|my parcel|my stuff|my items) (?:come|be coming)(?! back)`,
    `(?:when|how soon) (?:can|should|will|do) (?:i|we) expect (?:my|the|it|delivery|them|to receive)`,
    `(?:it|order|package|parcel|delivery|shipment|they|items?) (?:is|was|were|are) (?:due|expected|scheduled|meant|supposed) (?:to arrive |to come |to be here |to be delivered )?(?:on|by|yesterday|today|last|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday)`,
    `(?:still not|not|isn'?t|aren'?t|still isn'?t|still aren'?t) here(?: yet)?`,
    `(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not|never|yet to|not yet|still not|still haven'?t|still have not|still didn'?t)(?: ${W})? (?:receiv(?:e|ed)|recie?v(?:e|ed)|recived|receved|got|gotten|get)(?:(?= ?(?:[.!?,;]|$| yet| at all| either| so far))| (?:it|them|anything|my|the|our|any|mine|this|that|a|an|those|these|nothing)(?! (?:${W} )?${NOT_PHYSICAL_EN}(?![\\p{L}])))`,
    `where(?:'?s| is| are|s)? (?:my|the|our|mine|all my)(?: ${W}){0,2} (?:${PHYSICAL_EN})(?! (?:confirmation|number|invoice|receipt|email|status|history|page|link|id))`,
    `where (?:is|are) (?:it|they) (?:now|at)`,
    `where (?:my|the) (?:order|package|parcel|stuff) (?:is|at)`,
    `(?:is|are|was|were|has|have) (?:my|the|our) (?:${W} ){0,2}(?:order|package|parcel|stuff|items?|delivery|shipment|things) (?:been )?(?:lost|missing|stolen)`,
    `(?:lost|missing|stolen) (?:my )?(?:package|parcel|order|shipment|delivery|mail|box)|(?:package|parcel|order|shipment|delivery|box) ${gap(3)}(?:lost|missing|stolen|went missing|disappeared|vanished)|got lost|went missing`,
    // French.
    'livraisons?|livraisi?on|livaison|livrason|livraisson|livr(?:er|ee|ees|ez|ons|ent|ait|aient|era|erez|eront|erai|eur|eurs|euse)',
    '(?:ete|pas|jamais|etre|sera|seront|serait|est|sont|bien|mal|indique|indiquee?|marque|marquee?|affiche|comme|soit|encore|deja) livres?',
    'colis|coli|paquets?|expedi(?:e|ee|es|ees|er|tion|tions|ons|ez|erez|era|eront|ait|teur)|expedition',
    "(?:l'|mon |votre |cet |d'|un |le |premier |second |nouvel |dernier )envois?",
    `(?:commande|colis|article|paquet|produit|achat|commandes|articles|produits)(?: (?:n°|no|#|numero)? ?\\d+)?(?: (?:a|a-t-elle|a-t-il|ont|est|est-elle|est-il|sont|n'a|n'ont|n'est|ne|pas|ete|bien|deja|encore|toujours|elle|il|jamais|vient|d'etre|va|sera|etre|t-elle|t-il))* (?:envoyee?s?|expediee?s?|partie?s?)(?![\\p{L}])(?! en preparation)`,
    'transporteurs?|livreurs?|livreuse|facteur|factrice|la poste|laposte|colissimo|chronopost|mondial relay|relais colis|point relais|point retrait|relais|colis prive',
    'suivi (?:de |du |de la |de mon |de ma |des |de mes )?(?:colis|commande|livraison|envoi|paquet|expedition)',
    "(?:le|mon|au|du) suivi (?:indique|dit|affiche|montre|n'|ne |est |bloque|reste|semble|me dit|mentionne|precise)",
    'suivre (?:mon|ma|le|la|mes|les) (?:colis|commande|livraison|envoi|paquet)',
    // A message that is only "suivi ?" asks for the tracking.
    '(?<![\\s\\S])(?:le |mon |votre |un )?suivi(?= ?[?!.]*$)',
    'en transit|acheminement|en cours de (?:livraison|acheminement|transport)|douanes?|dedouanement|avis de passage|boite aux lettres|boite a lettres',
    `(?:perdu|perdue|egare|egaree|bloque|bloquee|vole|volee|disparu|disparue) (?:mon |le |ma |la )?(?:colis|paquet|commande)`,
    `(?:commande|paquet)(?: ${W}){0,2} (?:perdue?|egaree?|volee?|disparue?)`,
    `(?:pas|jamais|(?:toujours|tjrs?|tjs|toujour) pas|rien|pas encore|(?:toujours|tjrs?|tjs|toujour) rien|plus rien|rien du tout)(?: encore)? (?:recu|recue|recus|recues|arrive|arrivee|arrives|arrivees|livre|livree|livres|livrees|parvenu|parvenue|receptionne|receptionnee?s?)(?! ${NOT_PHYSICAL_FR}(?![\\p{L}]))`,
    `(?:quand|date|delai|d'ici quand|a quel moment)(?: ${W}){0,5} (?:arriv(?:er|era|erait|e|ee|eront)|recevoir|recevrai|recevrais|recevrons|livr[a-z]*|expedi[a-z]*|parvenir)(?! ${NOT_PHYSICAL_FR}(?![\\p{L}]))`,
    `(?:devait|doit|devrait|devraient|devaient|censee?s?|prevue?s?|supposee?s?) (?:${W} ){0,3}(?:arriver|etre livree?s?|etre la|etre recue?s?|etre arrivee?s?|etre expediee?s?|etre partie?s?)`,
    `arriv[a-z]* (?:avec )?(?:${W} ){0,3}(?:de )?retard`,
    `(?:ou|où) (?:est|sont|se trouve|se trouvent)(?:-(?:il|elle|ils|elles))? (?:donc |passe |passee )?(?:mon|ma|mes|le|la|les) (?:colis|paquet|commande|commandes|livraison|article|articles|achat|achats)`,
    `(?:est|sont) (?:ou|passee?s?) (?:mon|ma|mes) (?:colis|paquet|commande|commandes|article|articles)`,
    `(?:(?:n'?est|ne sont|n'?etait) (?:toujours |encore |jamais )?pas|toujours pas) (?:encore )?(?:la|ici|arrivee?s?)(?=\\s*(?:[.!?,;]|$))`,
  ),
];

// A refund asked only on a condition, in a message about delivery, is a threat, not the request:
// "if it doesn't arrive by Friday I'll want a refund" / "sinon je demande un remboursement".
const CONDITIONAL = any(
  `if (?:${W} ){0,6}(?:${NEG_EN}|no|nothing)`,
  'unless|otherwise|or else',
  `or (?:i|we)(?:'ll| will| want| would| demand| expect)`,
  `si (?:${W} ){0,6}(?:pas|jamais|rien|plus|toujours pas)`,
  "s'il (?:n'|ne )|s'ils (?:n'|ne )",
  'sinon|faute de quoi|a defaut|sans quoi',
);

// Asking before buying: nothing has been bought, so nothing is shipped or refunded yet
// ("what's the warranty on the new model? thinking of buying one").
const PRESALES = any(
  '(?:thinking of|thinking about|considering|planning (?:to|on)|about to|going to|want to|would like to|looking to|interested in) (?:buy|buying|order|ordering|purchase|purchasing|place an order|placing an order)',
  'before (?:i|we) (?:buy|order|purchase|commit)',
  "(?:not|haven'?t|have not|didn'?t) (?:ordered|bought|purchased|order|buy)(?: anything)? yet|before ordering",
  "(?:je )?n'?ai (?:pas encore|encore rien|rien encore) (?:commande|achete)|avant de commander",
  'if (?:i|we) (?:buy|order|purchase)',
  "(?:avant (?:d'acheter|de commander|de passer commande|mon achat)|je (?:pense|compte|souhaite|voudrais|aimerais) (?:acheter|commander|passer commande)|si je (?:commande|achete))",
);
const OWNED = any(
  'my (?:order|package|parcel|purchase|delivery|item|items)',
  '(?:i|we) (?:ordered|bought|purchased|received|got)',
  'arrived|delivered',
  "(?:ma|mes) commandes?|mon (?:colis|achat|article)|j'?ai (?:commande|achete|recu)|arrivee?|livree?",
);

// ── Labels ─────────────────────────────────────────────────────────────────────────────
const REFUND_LABEL_WORDS = [
  'refund',
  'refunds',
  'refunded',
  'return',
  'returns',
  'rma',
  'damaged',
  'damage',
  'defective',
  'defect',
  'broken',
  'exchange',
  'replacement',
  'warranty',
  'retour',
  'retours',
  'remboursement',
  'rembourse',
  'rembourser',
  'echange',
  'garantie',
  'casse',
  'avoir',
  'chargeback',
];
const SHIP_LABEL_WORDS = [
  'shipping',
  'shipment',
  'ship',
  'delivery',
  'delivered',
  'undelivered',
  'carrier',
  'courier',
  'tracking',
  'transit',
  'package',
  'parcel',
  'wismo',
  'livraison',
  'colis',
  'suivi',
  'transporteur',
  'expedition',
];

/** Everything `compileCues` (lib/sop/suggest/suggest.ts) needs: plain strings, written to JSON at build. */
export interface CueData {
  rules: CueRule[];
  /** A refund asked only on a delivery condition is a threat, not the request. */
  conditional: string;
  /** Asking before buying… */
  presales: string;
  /** …unless the customer already has it. */
  owned: string;
  refundLabelWords: string[];
  shipLabelWords: string[];
}

export const CUE_DATA: CueData = {
  rules: RULES,
  conditional: CONDITIONAL,
  presales: PRESALES,
  owned: OWNED,
  refundLabelWords: REFUND_LABEL_WORDS,
  shipLabelWords: SHIP_LABEL_WORDS,
};
