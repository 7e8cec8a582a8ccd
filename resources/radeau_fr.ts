<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>Export frame as PNG</source>
        <translation>Exporter l&apos;image en PNG</translation>
    </message>
    <message>
        <source>Export frame as SVG</source>
        <translation>Exporter l&apos;image en SVG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>Dessins SVG (*.svg)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>The window, captions and notes in en or fr (default: the system&apos;s).</source>
        <translation>La fenêtre, les légendes et les notes en en ou fr (par défaut&#xa0;: celle du système).</translation>
    </message>
    <message>
        <source>Colours: light or dark (default: the last one chosen in View).</source>
        <translation>Couleurs&#xa0;: light (clair) ou dark (sombre) (par défaut&#xa0;: le dernier choix du menu Affichage).</translation>
    </message>
    <message>
        <source>unknown theme &apos;%1&apos; for --theme: use light or dark</source>
        <translation>thème «&#xa0;%1&#xa0;» inconnu pour --theme&#xa0;: utiliser light ou dark</translation>
    </message>
    <message>
        <source>Radeau: the Raft consensus algorithm, one concept at a time</source>
        <translation>Radeau&#xa0;: l&apos;algorithme de consensus Raft, un concept à la fois</translation>
    </message>
    <message>
        <source>A recording (.radeau), a scenario script (.radeau-script) or a talk (.radeau-talk).</source>
        <translation>Un enregistrement (.radeau), un script de scénario (.radeau-script) ou une présentation (.radeau-talk).</translation>
    </message>
    <message>
        <source>Open a talk file at its first step.</source>
        <translation>Ouvrir une présentation à sa première étape.</translation>
    </message>
    <message>
        <source>With --talk: save the window at every pause as DIR/NN-STEP-pK.png (1920x1080), then quit.</source>
        <translation>Avec --talk&#xa0;: enregistrer la fenêtre à chaque pause dans DIR/NN-STEP-pK.png (1920x1080), puis quitter.</translation>
    </message>
    <message>
        <source>With --walkthrough: the screen&apos;s size, e.g. 1280x720 (default 1920x1080).</source>
        <translation>Avec --walkthrough&#xa0;: la taille de l&apos;écran, par exemple 1280x720 (par défaut 1920x1080).</translation>
    </message>
    <message>
        <source>%1 (see --help)</source>
        <translation>%1 (voir --help)</translation>
    </message>
    <message>
        <source>one file at a time (got %1)</source>
        <translation>un fichier à la fois (reçu %1)</translation>
    </message>
    <message>
        <source>give the talk once, as FILE or with --talk</source>
        <translation>donnez le talk une seule fois, comme FICHIER ou avec --talk</translation>
    </message>
    <message>
        <source>--talk opens its own recordings; do not give another FILE</source>
        <translation>--talk ouvre ses propres enregistrements&#xa0;; ne donnez pas d&apos;autre FICHIER</translation>
    </message>
    <message>
        <source>--walkthrough needs a talk (--talk FILE)</source>
        <translation>--walkthrough demande un talk (--talk FICHIER)</translation>
    </message>
    <message>
        <source>--size goes with --walkthrough</source>
        <translation>--size va avec --walkthrough</translation>
    </message>
    <message>
        <source>malformed --size &apos;%1&apos; (WxH, e.g. 1280x720, from 320x240 to 8192x8192)</source>
        <translation>--size mal formé «&#xa0;%1&#xa0;» (LxH, par exemple 1280x720, de 320x240 à 8192x8192)</translation>
    </message>
    <message>
        <source>walk-through: %1</source>
        <translation>parcours&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>radeau::cli</name>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>option «&#xa0;%1&#xa0;» inconnue</translation>
    </message>
    <message>
        <source>option %1 takes no value</source>
        <translation>l&apos;option %1 ne prend pas de valeur</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>l&apos;option %1 demande une valeur</translation>
    </message>
    <message>
        <source>give a SCRIPT or --default, not both</source>
        <translation>donner un SCRIPT ou --default, pas les deux</translation>
    </message>
    <message>
        <source>expected one SCRIPT (or --default)</source>
        <translation>un SCRIPT attendu (ou --default)</translation>
    </message>
    <message>
        <source>malformed duration &apos;%1&apos; for %2 (use us, ms or s, e.g. 2.5s)</source>
        <translation>durée «&#xa0;%1&#xa0;» mal formée pour %2 (en us, ms ou s, par exemple 2.5s)</translation>
    </message>
    <message>
        <source>%1 expects a non-negative integer, got &apos;%2&apos;</source>
        <translation>%1 attend un entier positif ou nul, reçu «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>%1 is too large: &apos;%2&apos;</source>
        <translation>%1 est trop grand&#xa0;: «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>takes no argument</source>
        <translation>ne prend pas d&apos;argument</translation>
    </message>
    <message>
        <source>Simulates a scenario script (or the built-in default cluster) and prints
each node&apos;s final state, the checker&apos;s findings and whether the outcome
the script expects happened.

  --default             the built-in default scenario instead of a SCRIPT
  --seed N              the seed of every random draw (default: the script&apos;s)
  --until T             simulate up to T, e.g. 10s (default: the script&apos;s)
  --transcript          print every event of the journal
  --state-json FILE     write the final state as JSON into FILE
  --check               exit 1 when the checker finds a safety problem
  --check-availability  exit 1 on any finding (writes never answered too)
  --quiet               no summary
</source>
        <translation>Simule un script de scénario (ou le cluster par défaut intégré) et affiche
l&apos;état final de chaque nœud, les constats du vérificateur et si le résultat
attendu par le script s&apos;est produit.

  --default             le scénario par défaut intégré au lieu d&apos;un SCRIPT
  --seed N              la graine de tous les tirages aléatoires (par défaut&#xa0;: celle du script)
  --until T             simuler jusqu&apos;à T, par exemple 10s (par défaut&#xa0;: la fin du script)
  --transcript          afficher chaque événement du journal
  --state-json FILE     écrire l&apos;état final en JSON dans FILE
  --check               sortir avec 1 si le vérificateur trouve un problème de sûreté
  --check-availability  sortir avec 1 au moindre constat (écritures sans réponse comprises)
  --quiet               pas de résumé
</translation>
    </message>
    <message>
        <source>Runs many random schedules of crashes, cuts and writes, checks each run
and prints how to reproduce every run that broke an invariant.

  --runs N          how many runs (default 100)
  --seed S          the seed of the first run; run i uses S+i (default 1)
  --nodes K         nodes in the cluster, 1 to 9 (default 5)
  --concepts SPEC   the rules, e.g. &quot;full -terms&quot; (default: full Raft)
  --script          print each failing run as a scenario script
  --reads           clients also read the keys just written (rung 15)
  --membership      up to two spare nodes, added and removed at random (rung 16)
</source>
        <translation>Lance de nombreux déroulés aléatoires de pannes, de coupures et d&apos;écritures,
vérifie chacun et affiche comment reproduire chaque exécution qui a enfreint
un invariant.

  --runs N          le nombre d&apos;exécutions (par défaut 100)
  --seed S          la graine de la première exécution&#xa0;; l&apos;exécution i prend S+i (par défaut 1)
  --nodes K         le nombre de nœuds du cluster, de 1 à 9 (par défaut 5)
  --concepts SPEC   les règles, par exemple &quot;full -terms&quot; (par défaut&#xa0;: Raft complet)
  --script          afficher chaque exécution en échec comme un script de scénario
  --reads           les clients lisent aussi les clés qu&apos;ils viennent d&apos;écrire (échelon 15)
  --membership      jusqu&apos;à deux nœuds en réserve, ajoutés et retirés au hasard (échelon 16)
</translation>
    </message>
    <message>
        <source>Lists the chapters of the talk: what each one adds, its rules and its
demonstration scripts, then what full Raft does without each rule.
</source>
        <translation>Liste les chapitres de la présentation&#xa0;: ce que chacun ajoute, ses règles et
ses scripts de démonstration, puis ce que fait Raft complet sans chacune des règles.
</translation>
    </message>
    <message>
        <source>Simulates a scenario script and saves the run as a recording, which the
window opens and the other commands read.

  -o, --output FILE  the recording to write (.radeau)
  --default          the built-in default scenario instead of a SCRIPT
  --seed N           the seed of every random draw (default: the script&apos;s)
  --until T          simulate up to T (default: the script&apos;s)
</source>
        <translation>Simule un script de scénario et sauvegarde l&apos;exécution dans un enregistrement,
que la fenêtre ouvre et que les autres commandes lisent.

  -o, --output FILE  l&apos;enregistrement à écrire (.radeau)
  --default          le scénario par défaut intégré au lieu d&apos;un SCRIPT
  --seed N           la graine de tous les tirages aléatoires (par défaut&#xa0;: celle du script)
  --until T          simuler jusqu&apos;à T (par défaut&#xa0;: la fin du script)
</translation>
    </message>
    <message>
        <source>Describes a recording: its cluster, rules, seed and timing, then each
branch with its actions and findings.
</source>
        <translation>Décrit un enregistrement&#xa0;: son cluster, ses règles, sa graine et ses délais,
puis chaque branche avec ses actions et ses constats.
</translation>
    </message>
    <message>
        <source>Prints every node&apos;s state, the messages in flight and the running timers
at one instant of a recording.

  --at T       the instant, as a time (e.g. 2.5s)
  --event N    the instant just after event N
  --branch B   the branch, by number or name (default 0, the first run)
  --json       as JSON
</source>
        <translation>Affiche l&apos;état de chaque nœud, les messages en vol et les minuteurs en cours
à un instant d&apos;un enregistrement.

  --at T       l&apos;instant, en temps (par exemple 2.5s)
  --event N    l&apos;instant juste après l&apos;événement N
  --branch B   la branche, par numéro ou par nom (par défaut 0, l&apos;exécution d&apos;origine)
  --json       en JSON
</translation>
    </message>
    <message>
        <source>Writes a recording&apos;s journal as JSON: a header, then each branch with one
event per line.
</source>
        <translation>Écrit le journal d&apos;un enregistrement en JSON&#xa0;: un en-tête, puis chaque branche
avec un événement par ligne.
</translation>
    </message>
    <message>
        <source>Runs the invariant checker again over every branch of a recording; exits 1
when it finds a safety problem.
</source>
        <translation>Repasse le vérificateur d&apos;invariants sur chaque branche d&apos;un enregistrement&#xa0;;
sort avec 1 s&apos;il trouve un problème de sûreté.
</translation>
    </message>
    <message>
        <source>Simulates a recording&apos;s inputs again and compares the journal with the
stored one, byte for byte; exits 1 when they differ.
</source>
        <translation>Simule à nouveau les entrées d&apos;un enregistrement et compare le journal obtenu
avec celui qui est stocké, octet par octet&#xa0;; sort avec 1 s&apos;ils diffèrent.
</translation>
    </message>
    <message>
        <source>Draws one instant of a recording or of a scenario script as a slide, with
the window&apos;s own drawing code; needs no display.

  --at T              the instant (e.g. 2.5s)
  -o, --output OUT    the image to write: .png or .svg
  --branch B          the branch, by number or name (default 0)
  --size WxH          the image&apos;s size in pixels (default 1920x1080)
  --title TEXT        the title (default: the script&apos;s or the file&apos;s name)
  --theme light|dark  the colours (default light)
  --space-time SPAN   the space-time diagram of the SPAN before --at
  --default, --seed N, --until T   as for run, with a script
</source>
        <translation>Dessine un instant d&apos;un enregistrement ou d&apos;un script de scénario comme une
diapositive, avec le code de dessin de la fenêtre&#xa0;; n&apos;a pas besoin d&apos;écran.

  --at T              l&apos;instant (par exemple 2.5s)
  -o, --output OUT    l&apos;image à écrire&#xa0;: .png ou .svg
  --branch B          la branche, par numéro ou par nom (par défaut 0)
  --size WxH          la taille de l&apos;image en pixels (par défaut 1920x1080)
  --title TEXT        le titre (par défaut&#xa0;: celui du script ou le nom du fichier)
  --theme light|dark  les couleurs, claires ou sombres (par défaut light)
  --space-time SPAN   le diagramme espace-temps de la durée SPAN avant --at
  --default, --seed N, --until T   comme pour run, avec un script
</translation>
    </message>
    <message>
        <source>Options take their value after a space or after &apos;=&apos; (--seed=7).
Times take us, ms or s (e.g. 1.5s). Exit status: 0 success, 1 the checker or a
verification found something, 2 usage or input error.
--lang en|fr: help and messages in English or French (default: the
environment&apos;s language, from LANGUAGE, LC_ALL, LC_MESSAGES or LANG).
</source>
        <translation>Les options prennent leur valeur après une espace ou après «&#xa0;=&#xa0;» (--seed=7).
Les durées s&apos;écrivent en us, ms ou s (par exemple 1.5s). Code de sortie&#xa0;: 0 succès,
1 le vérificateur ou une vérification a trouvé quelque chose, 2 erreur d&apos;usage ou d&apos;entrée.
--lang en|fr&#xa0;: l&apos;aide et les messages en anglais ou en français (par défaut&#xa0;: la
langue de l&apos;environnement, d&apos;après LANGUAGE, LC_ALL, LC_MESSAGES ou LANG).
</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>commande «&#xa0;%1&#xa0;» inconnue</translation>
    </message>
    <message>
        <source>expected -o OUT.png or -o OUT.svg</source>
        <translation>-o OUT.png ou -o OUT.svg attendu</translation>
    </message>
    <message>
        <source>unknown extension (none) (use .png or .svg)</source>
        <translation>extension inconnue (aucune) (utiliser .png ou .svg)</translation>
    </message>
    <message>
        <source>unknown extension &apos;.%1&apos; (use .png or .svg)</source>
        <translation>extension «&#xa0;.%1&#xa0;» inconnue (utiliser .png ou .svg)</translation>
    </message>
    <message>
        <source>expected --at T (e.g. --at 2.5s)</source>
        <translation>--at T attendu (par exemple --at 2.5s)</translation>
    </message>
    <message>
        <source>--theme expects light or dark, got &apos;%1&apos;</source>
        <translation>--theme attend light ou dark, reçu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>expected a recording FILE</source>
        <translation>un enregistrement FILE attendu</translation>
    </message>
    <message>
        <source>expected one recording FILE</source>
        <translation>un seul enregistrement FILE attendu</translation>
    </message>
    <message>
        <source>expected -o FILE.radeau</source>
        <translation>-o FILE.radeau attendu</translation>
    </message>
    <message>
        <source>give exactly one of --at T or --event N</source>
        <translation>donner soit --at T, soit --event N (un seul des deux)</translation>
    </message>
    <message>
        <source>--nodes must be between 1 and 9, got %1</source>
        <translation>--nodes doit être entre 1 et 9, reçu %1</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>argument «&#xa0;%1&#xa0;» inattendu</translation>
    </message>
    <message>
        <source>run and inspect Radeau Raft simulations</source>
        <translation>lancer et examiner des simulations Raft de Radeau</translation>
    </message>
    <message>
        <source>usage:</source>
        <translation>utilisation&#xa0;:</translation>
    </message>
    <message>
        <source>--finding: unknown kind &apos;%1&apos;, expected one of: %2</source>
        <translation>--finding&#xa0;: constat inconnu «&#xa0;%1&#xa0;», attendu l&apos;un de&#xa0;: %2</translation>
    </message>
    <message>
        <source>--budget: expected a duration such as 30s or a number of schedules, got &apos;%1&apos;</source>
        <translation>--budget&#xa0;: attendu une durée comme 30s ou un nombre de déroulés, reçu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Searches schedules of crashes, cuts and writes under the given rules
until the checker finds a safety problem, then shrinks the failing schedule
until removing or simplifying any single action makes the problem disappear,
and writes it as a demonstration script that run and the window open.
Two searches: random schedules as the soak&apos;s, and a systematic one that
tries every small schedule of 3 nodes, 1 choice, then 2, up to 4: an action
(write, forced timeout, crash, restart, cut, heal, or dropping a message in
flight) just after one of the next messages is sent or a while later.
Without client-sessions clients also resend their writes; without
read-index they read the key just written, and a node can be isolated.
Exit status: 1 when a failure is found, 0 when none within the budget.

  --concepts SPEC   the rules, e.g. &quot;full -terms&quot; (default: full Raft)
  --nodes N         nodes in the cluster, 1 to 9 (default 5; systematic: 3 at most)
  --finding KIND    look for this finding only (default: any safety finding)
  --strategy S      both (default: the small schedules of 1 and 2 choices, then
                    8 deeper ones and a random one in turn), systematic or random
  --budget B        30s: stop the search after that time (default);
                    200: after that many schedules (same result every time)
  --seed S          random: the seed of the first schedule, schedule i uses S+i;
                    systematic: the seed of the election timers (default 1)
  -o FILE           write the script into FILE (default: print it)
  --quiet           no progress on the error stream
</source>
        <translation>Cherche parmi des déroulés de pannes, de coupures et d&apos;écritures, sous les règles
données, jusqu&apos;à ce que le vérificateur trouve un problème de sûreté, puis
raccourcit le déroulé fautif jusqu&apos;à ce qu&apos;enlever ou simplifier une seule action
fasse disparaître le problème, et l&apos;écrit en script de démonstration que run et la
fenêtre ouvrent.
Deux recherches&#xa0;: des déroulés aléatoires comme ceux de soak, et une recherche
systématique qui essaie tous les petits déroulés de 3 nœuds, 1 choix, puis 2, jusqu&apos;à 4&#xa0;:
une action (écriture, délai forcé, panne, redémarrage, coupure, réparation, ou perte
d&apos;un message en vol) juste après l&apos;envoi de l&apos;un des messages suivants ou un peu plus tard.
Sans client-sessions, les clients renvoient aussi leurs écritures&#xa0;; sans read-index,
ils lisent la clé qu&apos;ils viennent d&apos;écrire, et un nœud peut être isolé.
Code de sortie&#xa0;: 1 si une défaillance est trouvée, 0 si aucune dans le budget.

  --concepts SPEC   les règles, par ex. «&#xa0;full -terms&#xa0;» (défaut&#xa0;: Raft complet)
  --nodes N         nombre de nœuds, de 1 à 9 (défaut 5&#xa0;; systématique&#xa0;: 3 au plus)
  --finding KIND    ne chercher que ce constat (défaut&#xa0;: tout problème de sûreté)
  --strategy S      both (défaut&#xa0;: les petits déroulés de 1 et 2 choix, puis 8 plus
                    longs et un aléatoire à tour de rôle), systematic ou random
  --budget B        30s&#xa0;: arrêter la recherche après cette durée (défaut)&#xa0;;
                    200&#xa0;: après autant de déroulés (même résultat à chaque fois)
  --seed S          aléatoire&#xa0;: la graine du premier déroulé, le déroulé i utilise S+i&#xa0;;
                    systématique&#xa0;: la graine des délais d&apos;élection (défaut 1)
  -o FILE           écrire le script dans FILE (défaut&#xa0;: l&apos;afficher)
  --quiet           pas de progression sur la sortie d&apos;erreur
</translation>
    </message>
    <message>
        <source>--strategy: expected systematic, random or both, got &apos;%1&apos;</source>
        <translation>--strategy&#xa0;: attendu systematic, random ou both, reçu «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>radeau::gui</name>
    <message>
        <source>Radeau files (*.radeau *.radeau-script *.radeau-talk)</source>
        <translation>Fichiers Radeau (*.radeau *.radeau-script *.radeau-talk)</translation>
    </message>
    <message>
        <source>Recordings (*.radeau)</source>
        <translation>Enregistrements (*.radeau)</translation>
    </message>
    <message>
        <source>Scenario scripts (*.radeau-script)</source>
        <translation>Scripts de scénario (*.radeau-script)</translation>
    </message>
    <message>
        <source>Talks (*.radeau-talk)</source>
        <translation>Talks (*.radeau-talk)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Every key of the window (the menus show the same):</source>
        <translation>Toutes les touches de la fenêtre (les menus montrent les mêmes)&#xa0;:</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Raft&lt;/b&gt; keeps a log of writes identical on several machines (nodes), so that the cluster goes on answering when some of them crash or are cut off. One node is the &lt;i&gt;leader&lt;/i&gt;: it takes the writes and copies them to the others (the &lt;i&gt;followers&lt;/i&gt;); a write is &lt;i&gt;committed&lt;/i&gt; once a majority holds it, and then it is never lost.&lt;/p&gt;&lt;p&gt;When the leader stops sending heartbeats, a follower&apos;s election timer (the ring around it) runs out: it becomes a &lt;i&gt;candidate&lt;/i&gt; and asks for votes; a majority makes it the leader of a new &lt;i&gt;term&lt;/i&gt;. Radeau builds these rules one at a time: the author&apos;s talk (File › Open, talk.radeau-talk) shows each missing rule failing, then fixed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Raft&lt;/b&gt; garde un log d&apos;écritures identique sur plusieurs machines (les nœuds), pour que le cluster continue de répondre quand certaines tombent en panne ou sont coupées. Un nœud est le &lt;i&gt;leader&lt;/i&gt;&#xa0;: il prend les écritures et les copie aux autres (les &lt;i&gt;followers&lt;/i&gt;)&#xa0;; une écriture est &lt;i&gt;commitée&lt;/i&gt; dès qu&apos;une majorité la détient, et elle n&apos;est alors plus jamais perdue.&lt;/p&gt;&lt;p&gt;Quand le leader n&apos;envoie plus de heartbeats, le minuteur d&apos;élection d&apos;un follower (l&apos;anneau autour de lui) arrive à zéro&#xa0;: il devient &lt;i&gt;candidate&lt;/i&gt; et demande des votes&#xa0;; une majorité en fait le leader d&apos;un nouveau &lt;i&gt;term&lt;/i&gt;. Radeau construit ces règles une à une&#xa0;: le talk de l&apos;auteur (Fichier › Ouvrir, talk.radeau-talk) montre chaque règle manquante en échec, puis réparée.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Select a node by its number</source>
        <translation>Sélectionner un nœud par son numéro</translation>
    </message>
    <message>
        <source>Keys and legend</source>
        <translation>Touches et légende</translation>
    </message>
    <message>
        <source>What the pictures mean:</source>
        <translation>Ce que les dessins veulent dire&#xa0;:</translation>
    </message>
    <message>
        <source>Election timer: when the ring runs out, the follower stands as candidate</source>
        <translation>Minuteur d&apos;élection&#xa0;: quand l&apos;anneau se vide, le follower devient candidate</translation>
    </message>
    <message>
        <source>Heartbeat timer: at zero the leader sends its heartbeats</source>
        <translation>Minuteur de heartbeat&#xa0;: à zéro, le leader envoie ses heartbeats</translation>
    </message>
    <message>
        <source>A candidate: the votes it holds and the majority it needs</source>
        <translation>Une candidate&#xa0;: les votes obtenus et la majorité qu&apos;il lui faut</translation>
    </message>
    <message>
        <source>A crashed node: it neither sends nor receives</source>
        <translation>Un nœud en panne&#xa0;: il n&apos;envoie ni ne reçoit rien</translation>
    </message>
    <message>
        <source>A message in flight, from sender to receiver (t2: its term)</source>
        <translation>Un message en vol, de l&apos;émetteur au destinataire (t2&#xa0;: son term)</translation>
    </message>
    <message>
        <source>A dropped message: it dies at the cross, then fades</source>
        <translation>Un message perdu&#xa0;: il meurt à la croix, puis s&apos;efface</translation>
    </message>
    <message>
        <source>A cut link: no message passes either way</source>
        <translation>Un lien coupé&#xa0;: aucun message ne passe, dans aucun sens</translation>
    </message>
    <message>
        <source>A link down because of a partition</source>
        <translation>Un lien coupé par une partition</translation>
    </message>
    <message>
        <source>A committed entry (solid): on a majority, never lost</source>
        <translation>Une entrée commitée (trait plein)&#xa0;: sur une majorité, jamais perdue</translation>
    </message>
    <message>
        <source>An entry not committed yet (dashed): it can still be lost</source>
        <translation>Une entrée pas encore commitée (pointillés)&#xa0;: elle peut encore être perdue</translation>
    </message>
    <message>
        <source>An entry&apos;s colour and &quot;t2&quot;: the term it was written in</source>
        <translation>La couleur d&apos;une entrée et «&#xa0;t2&#xa0;»&#xa0;: le term où elle a été écrite</translation>
    </message>
    <message>
        <source>Timeline: a leader is elected</source>
        <translation>Frise&#xa0;: un leader est élu</translation>
    </message>
    <message>
        <source>Timeline: a node crashes</source>
        <translation>Frise&#xa0;: un nœud tombe en panne</translation>
    </message>
    <message>
        <source>Timeline: a node restarts</source>
        <translation>Frise&#xa0;: un nœud redémarre</translation>
    </message>
    <message>
        <source>Timeline: a link is cut or a partition made</source>
        <translation>Frise&#xa0;: un lien est coupé ou une partition faite</translation>
    </message>
    <message>
        <source>Timeline: links healed</source>
        <translation>Frise&#xa0;: liens rétablis</translation>
    </message>
    <message>
        <source>Timeline: the checker found a fault</source>
        <translation>Frise&#xa0;: un constat du vérificateur</translation>
    </message>
    <message>
        <source>Timeline: another branch leaves here</source>
        <translation>Frise&#xa0;: une autre branche part d&apos;ici</translation>
    </message>
    <message>
        <source>branch %1</source>
        <translation>branche %1</translation>
    </message>
    <message>
        <source>%1: no extension (use .png or .svg)</source>
        <translation>%1&#xa0;: sans extension (utilisez .png ou .svg)</translation>
    </message>
    <message>
        <source>%1: unknown extension %2 (use .png or .svg)</source>
        <translation>%1&#xa0;: extension inconnue %2 (utilisez .png ou .svg)</translation>
    </message>
    <message>
        <source>%1: empty size %2x%3</source>
        <translation>%1&#xa0;: taille vide %2x%3</translation>
    </message>
    <message>
        <source>%1: the image could not be encoded</source>
        <translation>%1&#xa0;: l&apos;image n&apos;a pas pu être encodée</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>cannot create the directory %1</source>
        <translation>impossible de créer le dossier %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>impossible d&apos;écrire %1</translation>
    </message>
    <message>
        <source>step %1 &apos;%2&apos;: playback did not stop at pause %3 (%4 us)</source>
        <translation>étape %1 «&#xa0;%2&#xa0;»&#xa0;: la lecture ne s&apos;est pas arrêtée à la pause %3 (%4&#xa0;µs)</translation>
    </message>
</context>
<context>
    <name>radeau::gui::ClusterView</name>
    <message>
        <source>node %1</source>
        <translation>nœud %1</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>EN PANNE</translation>
    </message>
    <message>
        <source>FOLLOWER</source>
        <translation>FOLLOWER</translation>
    </message>
    <message>
        <source>♛ LEADER</source>
        <translation>♛ LEADER</translation>
    </message>
    <message>
        <source>term</source>
        <translation>term</translation>
    </message>
    <message>
        <source>L</source>
        <comment>leader&apos;s initial</comment>
        <translation>L</translation>
    </message>
    <message>
        <source>C</source>
        <comment>candidate&apos;s initial</comment>
        <translation>C</translation>
    </message>
    <message>
        <source>F</source>
        <comment>follower&apos;s initial</comment>
        <translation>S</translation>
    </message>
    <message>
        <source>CANDIDATE %1/%2</source>
        <comment>votes received / votes needed</comment>
        <translation>CANDIDATE %1/%2</translation>
    </message>
    <message>
        <source>PRE-CANDIDATE %1/%2</source>
        <comment>pre-votes received (its own included) / votes needed</comment>
        <translation>PRE-CANDIDATE %1/%2</translation>
    </message>
    <message>
        <source>OUTSIDE</source>
        <comment>not in the configuration</comment>
        <translation>HORS CONFIG</translation>
    </message>
    <message>
        <source>CATCHING UP</source>
        <comment>a member that lacks committed entries</comment>
        <translation>EN RATTRAPAGE</translation>
    </message>
    <message>
        <source>♛ LEADER %1/%2</source>
        <comment>the majority it counts / the nodes of its configuration</comment>
        <translation>♛ LEADER %1/%2</translation>
    </message>
</context>
<context>
    <name>radeau::gui::ConceptsPanel</name>
    <message>
        <source>&amp;Chapter (rules of the talk):</source>
        <translation>&amp;Chapitre (règles de l&apos;exposé)&#xa0;:</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisé</translation>
    </message>
    <message>
        <source>%1. %2  (+%3)</source>
        <translation>%1. %2  (+%3)</translation>
    </message>
    <message>
        <source>Full Raft</source>
        <translation>Raft complet</translation>
    </message>
    <message>
        <source>&amp;New cluster for this chapter</source>
        <translation>&amp;Nouveau cluster pour ce chapitre</translation>
    </message>
    <message>
        <source>Find a fail&amp;ure for these rules…</source>
        <translation>Trouver une déf&amp;aillance pour ces règles…</translation>
    </message>
    <message>
        <source>Search random fault schedules under the rules ticked below, shorten the first failure and open it, paused just before the finding</source>
        <translation>Cherche parmi des déroulés de pannes aléatoires sous les règles cochées ci-dessous, raccourcit la première défaillance et l&apos;ouvre, en pause juste avant le constat</translation>
    </message>
</context>
<context>
    <name>radeau::gui::FindFailure</name>
    <message>
        <source>full Raft</source>
        <translation>Raft complet</translation>
    </message>
    <message>
        <source>without %1</source>
        <translation>sans %1</translation>
    </message>
    <message>
        <source>Searching for a failure (%1)…</source>
        <translation>Recherche d&apos;une défaillance (%1)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Find a failure</source>
        <translation>Trouver une défaillance</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message numerus="yes">
        <source>Failure found: shortening it (%n run(s))…</source>
        <translation>
            <numerusform>Défaillance trouvée&#xa0;: raccourcissement (%n exécution)…</numerusform>
            <numerusform>Défaillance trouvée&#xa0;: raccourcissement (%n exécutions)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Searching for a failure: %n schedule(s) tried…</source>
        <translation>
            <numerusform>Recherche d&apos;une défaillance&#xa0;: %n déroulé essayé…</numerusform>
            <numerusform>Recherche d&apos;une défaillance&#xa0;: %n déroulés essayés…</numerusform>
        </translation>
    </message>
    <message>
        <source>Search cancelled: the run is unchanged.</source>
        <translation>Recherche annulée&#xa0;: rien n&apos;a changé.</translation>
    </message>
    <message numerus="yes">
        <source>No failure found under these rules: %n schedule(s) in %1 s.</source>
        <translation>
            <numerusform>Aucune défaillance sous ces règles&#xa0;: %n déroulé en %1&#xa0;s.</numerusform>
            <numerusform>Aucune défaillance sous ces règles&#xa0;: %n déroulés en %1&#xa0;s.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Without %1: %2&lt;/b&gt; — %3</source>
        <translation>&lt;b&gt;Sans %1&#xa0;: %2&lt;/b&gt; — %3</translation>
    </message>
    <message>
        <source>no rule</source>
        <translation>aucune règle</translation>
    </message>
    <message>
        <source>%v s of %m s</source>
        <translation>%v&#xa0;s sur %m&#xa0;s</translation>
    </message>
    <message numerus="yes">
        <source>small schedules of up to %n choice(s) and random ones</source>
        <translation>
            <numerusform>petits déroulés jusqu&apos;à %n choix et déroulés aléatoires</numerusform>
            <numerusform>petits déroulés jusqu&apos;à %n choix et déroulés aléatoires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every small schedule of %n choice(s)</source>
        <translation>
            <numerusform>tous les petits déroulés de %n choix</numerusform>
            <numerusform>tous les petits déroulés de %n choix</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found by the systematic search after %n schedule(s)</source>
        <translation>
            <numerusform>Trouvée par la recherche systématique après %n déroulé</numerusform>
            <numerusform>Trouvée par la recherche systématique après %n déroulés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found by the random search after %n schedule(s)</source>
        <translation>
            <numerusform>Trouvée par la recherche aléatoire après %n déroulé</numerusform>
            <numerusform>Trouvée par la recherche aléatoire après %n déroulés</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, shortened from %2 to %3 actions (%4 nodes); paused just before the finding (Space plays).</source>
        <translation>%1, raccourcie de %2 à %3 actions (%4 nœuds)&#xa0;; en pause juste avant le constat (Espace pour jouer).</translation>
    </message>
</context>
<context>
    <name>radeau::gui::JournalModel</name>
    <message>
        <source>All events</source>
        <translation>Tous les événements</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Timers</source>
        <translation>Minuteurs</translation>
    </message>
    <message>
        <source>Roles and votes</source>
        <translation>Rôles et votes</translation>
    </message>
    <message>
        <source>Logs and commit</source>
        <translation>Logs et commit</translation>
    </message>
    <message>
        <source>Client writes</source>
        <translation>Écritures des clients</translation>
    </message>
    <message>
        <source>Faults and actions</source>
        <translation>Pannes et actions</translation>
    </message>
    <message>
        <source>Checker findings</source>
        <translation>Constats du vérificateur</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
</context>
<context>
    <name>radeau::gui::LiveClusterDialog</name>
    <message>
        <source>Live cluster</source>
        <translation>Cluster réel</translation>
    </message>
    <message>
        <source>Starts one radeau-node process per node on this computer (127.0.0.1).
Crashes are real (SIGKILL), restarts recover from the node&apos;s files.</source>
        <translation>Lance un processus radeau-node par nœud sur cet ordinateur (127.0.0.1).
Les pannes sont réelles (SIGKILL), les redémarrages repartent des fichiers du nœud.</translation>
    </message>
    <message>
        <source>&amp;Nodes:</source>
        <translation>&amp;Nœuds&#xa0;:</translation>
    </message>
    <message>
        <source>Full Raft</source>
        <translation>Raft complet</translation>
    </message>
    <message>
        <source>Chapter %1: %2</source>
        <translation>Chapitre %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>&amp;Rules:</source>
        <translation>&amp;Règles&#xa0;:</translation>
    </message>
    <message>
        <source>Presentation pace: heartbeat 0.5 s, election timeout 1.5–3 s, messages 150–300 ms</source>
        <translation>Rythme de présentation&#xa0;: heartbeat 0,5 s, délai d&apos;élection 1,5–3 s, messages 150–300 ms</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Nodes outside the configuration, without a process until you add them (Cluster menu)</source>
        <translation>Nœuds hors de la configuration, sans processus tant que vous ne les ajoutez pas (menu Cluster)</translation>
    </message>
    <message>
        <source>S&amp;pare nodes:</source>
        <translation>Nœuds en réser&amp;ve&#xa0;:</translation>
    </message>
</context>
<context>
    <name>radeau::gui::LiveSession</name>
    <message>
        <source>&amp;Live cluster (real processes)…</source>
        <translation>Cluster &amp;réel (vrais processus)…</translation>
    </message>
    <message>
        <source>Start radeau-node processes on this computer and watch them</source>
        <translation>Lancer des processus radeau-node sur cet ordinateur et les observer</translation>
    </message>
    <message>
        <source>&amp;Freeze the live cluster</source>
        <translation>&amp;Figer le cluster réel</translation>
    </message>
    <message>
        <source>Pause every node&apos;s clock: timers stop, messages wait</source>
        <translation>Met en pause l&apos;horloge de chaque nœud&#xa0;: les minuteurs s&apos;arrêtent, les messages attendent</translation>
    </message>
    <message>
        <source>Cannot start the live cluster</source>
        <translation>Impossible de démarrer le cluster réel</translation>
    </message>
    <message>
        <source>Write “%1” to %2: acknowledged (%3)</source>
        <translation>Écriture «&#xa0;%1&#xa0;» sur %2&#xa0;: acquittée (%3)</translation>
    </message>
    <message>
        <source>Write “%1” to %2: refused (%3)</source>
        <translation>Écriture «&#xa0;%1&#xa0;» sur %2&#xa0;: refusée (%3)</translation>
    </message>
    <message>
        <source>Live cluster</source>
        <translation>Cluster réel</translation>
    </message>
    <message>
        <source>Live cluster: %1 radeau-node processes on 127.0.0.1, shown at real time</source>
        <translation>Cluster réel&#xa0;: %1 processus radeau-node sur 127.0.0.1, montrés en temps réel</translation>
    </message>
    <message>
        <source>The live cluster is stopped: from here on the run continues in simulation</source>
        <translation>Le cluster réel est arrêté&#xa0;: à partir d&apos;ici le déroulé continue en simulation</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Repris</translation>
    </message>
    <message>
        <source>recorded live · processes stopped</source>
        <translation>enregistré en direct · processus arrêtés</translation>
    </message>
    <message>
        <source>● LIVE · %1 processes</source>
        <translation>● EN DIRECT · %1 processus</translation>
    </message>
    <message>
        <source>● LIVE · %1 of %2 processes up</source>
        <translation>● EN DIRECT · %1 processus sur %2 en marche</translation>
    </message>
    <message>
        <source> · FROZEN</source>
        <translation> · FIGÉ</translation>
    </message>
    <message>
        <source> · view in the past, still recording</source>
        <translation> · vue dans le passé, l&apos;enregistrement continue</translation>
    </message>
    <message>
        <source>This instant is in the past of a real cluster: its processes cannot go back in time.</source>
        <translation>Cet instant est dans le passé d&apos;un cluster réel&#xa0;: ses processus ne peuvent pas remonter le temps.</translation>
    </message>
    <message>
        <source>Continue in simulation from here? The processes are stopped; the live run stays, and a simulated branch starts at this instant.</source>
        <translation>Continuer en simulation à partir d&apos;ici&#xa0;? Les processus sont arrêtés&#xa0;; le déroulé réel reste, et une branche simulée part de cet instant.</translation>
    </message>
    <message>
        <source> Press End to act on the live cluster.</source>
        <translation> Appuyez sur Fin pour agir sur le cluster réel.</translation>
    </message>
    <message>
        <source>Write “%1” to %2: refused (its client port is not connected)</source>
        <translation>Écriture «&#xa0;%1&#xa0;» sur %2&#xa0;: refusée (son port client n&apos;est pas connecté)</translation>
    </message>
    <message>
        <source>Write “%1” sent to %2…</source>
        <translation>Écriture «&#xa0;%1&#xa0;» envoyée à %2…</translation>
    </message>
    <message>
        <source>%1: process killed (SIGKILL)</source>
        <translation>%1&#xa0;: processus tué (SIGKILL)</translation>
    </message>
    <message>
        <source>%1: process restarted on its files</source>
        <translation>%1&#xa0;: processus redémarré sur ses fichiers</translation>
    </message>
    <message>
        <source>Not possible on a live cluster (real processes): only in simulation</source>
        <translation>Impossible sur un cluster réel (vrais processus)&#xa0;: seulement en simulation</translation>
    </message>
    <message>
        <source>Freeze (Shift+F)</source>
        <translation>Figer (Maj+F)</translation>
    </message>
    <message>
        <source>%1 restarted: %2</source>
        <translation>%1 redémarré&#xa0;: %2</translation>
    </message>
    <message>
        <source>Frozen: every node&apos;s clock is paused (Shift+F again to resume)</source>
        <translation>Figé&#xa0;: l&apos;horloge de chaque nœud est en pause (Maj+F de nouveau pour reprendre)</translation>
    </message>
    <message>
        <source>Read “%1” at %2: refused (%3)</source>
        <translation>Lecture de «&#xa0;%1&#xa0;» sur %2&#xa0;: refusée (%3)</translation>
    </message>
    <message>
        <source>Read “%1” at %2: never written (%3)</source>
        <translation>Lecture de «&#xa0;%1&#xa0;» sur %2&#xa0;: jamais écrite (%3)</translation>
    </message>
    <message>
        <source>Read “%1” at %2: “%3” (%4)</source>
        <translation>Lecture de «&#xa0;%1&#xa0;» sur %2&#xa0;: «&#xa0;%3&#xa0;» (%4)</translation>
    </message>
    <message>
        <source>Read “%1” at %2: refused (its client port is not connected)</source>
        <translation>Lecture de «&#xa0;%1&#xa0;» sur %2&#xa0;: refusée (son port client n&apos;est pas connecté)</translation>
    </message>
    <message>
        <source>Read “%1” sent to %2…</source>
        <translation>Lecture de «&#xa0;%1&#xa0;» envoyée à %2…</translation>
    </message>
    <message>
        <source>%1 is in the configuration (committed): it catches up from the leader and counts in its majority</source>
        <translation>%1 est dans la configuration (commité)&#xa0;: il rattrape le log du leader et compte dans sa majorité</translation>
    </message>
    <message>
        <source>%1 is out of the configuration (committed): its process is stopped</source>
        <translation>%1 est hors de la configuration (commité)&#xa0;: son processus est arrêté</translation>
    </message>
    <message>
        <source>%1: its process did not start</source>
        <translation>%1&#xa0;: son processus n&apos;a pas démarré</translation>
    </message>
    <message>
        <source>Adding %1: its process starts, then the leader is asked to add it…</source>
        <translation>Ajout de %1&#xa0;: son processus démarre, puis le leader est prié de l&apos;ajouter…</translation>
    </message>
    <message>
        <source>Removing %1: the leader is asked; its process stops once the change commits…</source>
        <translation>Retrait de %1&#xa0;: demandé au leader&#xa0;; son processus s&apos;arrête une fois le changement commité…</translation>
    </message>
</context>
<context>
    <name>radeau::gui::LogView</name>
    <message>
        <source>log index</source>
        <translation>index du log</translation>
    </message>
    <message>
        <source>no-op</source>
        <translation>no-op</translation>
    </message>
    <message>
        <source>cfg %1</source>
        <comment>a configuration entry of N nodes</comment>
        <translation>cfg %1</translation>
    </message>
</context>
<context>
    <name>radeau::gui::MainWindow</name>
    <message>
        <source>Stopped: %1</source>
        <translation>Arrêté&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Afficher&#xa0;:</translation>
    </message>
    <message>
        <source>n&amp;ode:</source>
        <translation>n&amp;œud&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Règles</translation>
    </message>
    <message>
        <source>&amp;New cluster…</source>
        <translation>&amp;Nouveau cluster…</translation>
    </message>
    <message>
        <source>&amp;Default cluster</source>
        <translation>Cluster par &amp;défaut</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>&amp;Save recording</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save recording</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save recording &amp;as…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Cannot export the frame</source>
        <translation>Impossible d&apos;exporter l&apos;image</translation>
    </message>
    <message>
        <source>Export frame as &amp;PNG…</source>
        <translation>Exporter l&apos;image en &amp;PNG…</translation>
    </message>
    <message>
        <source>Export frame as S&amp;VG…</source>
        <translation>Exporter l&apos;image en S&amp;VG…</translation>
    </message>
    <message>
        <source>▶  Play</source>
        <translation>▶  Lecture</translation>
    </message>
    <message>
        <source>◀ Step</source>
        <translation>◀ Pas</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>Pas ▶</translation>
    </message>
    <message>
        <source>◀◀ Previous</source>
        <translation>◀◀ Précédent</translation>
    </message>
    <message>
        <source>Next ▶▶</source>
        <translation>Suivant ▶▶</translation>
    </message>
    <message>
        <source>|◀ Start</source>
        <translation>|◀ Début</translation>
    </message>
    <message>
        <source>End ▶|</source>
        <translation>Fin ▶|</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>Plus lent</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>Plus vite</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Direct</translation>
    </message>
    <message>
        <source>Live: playing past the end keeps simulating (L)</source>
        <translation>Direct&#xa0;: la lecture au-delà de la fin continue la simulation (L)</translation>
    </message>
    <message>
        <source>Select node %1</source>
        <translation>Sélectionner le nœud %1</translation>
    </message>
    <message>
        <source>&amp;Write to the selected node</source>
        <translation>&amp;Écrire sur le nœud sélectionné</translation>
    </message>
    <message>
        <source>Write a &amp;text to the selected node…</source>
        <translation>Écrire un &amp;texte sur le nœud sélectionné…</translation>
    </message>
    <message>
        <source>Client write</source>
        <translation>Écriture d&apos;un client</translation>
    </message>
    <message>
        <source>Write to %1:</source>
        <translation>Écrire sur %1&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Crash or restart the selected node</source>
        <translation>&amp;Panne ou redémarrage du nœud sélectionné</translation>
    </message>
    <message>
        <source>&amp;Isolate the selected node</source>
        <translation>&amp;Isoler le nœud sélectionné</translation>
    </message>
    <message>
        <source>Force the selected node&apos;s &amp;timeout</source>
        <translation>Forcer la fin du &amp;délai du nœud sélectionné</translation>
    </message>
    <message>
        <source>&amp;Heal every link</source>
        <translation>&amp;Rétablir tous les liens</translation>
    </message>
    <message>
        <source>Show the &amp;rules</source>
        <translation>Afficher les &amp;règles</translation>
    </message>
    <message>
        <source>Show the &amp;journal</source>
        <translation>Afficher le &amp;journal</translation>
    </message>
    <message>
        <source>&amp;Stage layout</source>
        <translation>Disposition &amp;scène</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>Thème &amp;sombre</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>Write (W)</source>
        <translation>Écrire (W)</translation>
    </message>
    <message>
        <source>Crash/restart (C)</source>
        <translation>Panne/redémarrage (C)</translation>
    </message>
    <message>
        <source>Isolate (I)</source>
        <translation>Isoler (I)</translation>
    </message>
    <message>
        <source>Timeout (T)</source>
        <translation>Délai (T)</translation>
    </message>
    <message>
        <source>Partition (P)</source>
        <translation>Partition (P)</translation>
    </message>
    <message>
        <source>Heal all (H)</source>
        <translation>Tout rétablir (H)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Lecture</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Write to</source>
        <translation>&amp;Écrire sur</translation>
    </message>
    <message>
        <source>&amp;Crash or restart</source>
        <translation>&amp;Panne ou redémarrage</translation>
    </message>
    <message>
        <source>&amp;Isolate</source>
        <translation>&amp;Isoler</translation>
    </message>
    <message>
        <source>Force &amp;timeout</source>
        <translation>Forcer la fin du &amp;délai</translation>
    </message>
    <message>
        <source>Cut or heal a &amp;link</source>
        <translation>Couper ou rétablir un &amp;lien</translation>
    </message>
    <message>
        <source>Cut %1 – %2</source>
        <translation>Couper %1 – %2</translation>
    </message>
    <message>
        <source>Heal %1 – %2</source>
        <translation>Rétablir %1 – %2</translation>
    </message>
    <message>
        <source>&amp;Drop a message in flight</source>
        <translation>&amp;Supprimer un message en vol</translation>
    </message>
    <message>
        <source>&amp;Write</source>
        <translation>&amp;Écrire</translation>
    </message>
    <message>
        <source>Write a te&amp;xt…</source>
        <translation>Écrire un te&amp;xte…</translation>
    </message>
    <message>
        <source>&amp;Crash</source>
        <translation>&amp;Panne</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Redémarrer</translation>
    </message>
    <message>
        <source>Force election &amp;timeout</source>
        <translation>Forcer la fin du &amp;délai d&apos;élection</translation>
    </message>
    <message>
        <source>Cut or heal &amp;link to</source>
        <translation>Couper ou rétablir le &amp;lien vers</translation>
    </message>
    <message>
        <source>Cut %1</source>
        <translation>Couper %1</translation>
    </message>
    <message>
        <source>Heal %1</source>
        <translation>Rétablir %1</translation>
    </message>
    <message>
        <source>Show only its events in the journal</source>
        <translation>N&apos;afficher que ses événements dans le journal</translation>
    </message>
    <message>
        <source>Select a node first: click it or press its number (1–9)</source>
        <translation>Sélectionnez d&apos;abord un nœud&#xa0;: cliquez dessus ou tapez son numéro (1–9)</translation>
    </message>
    <message>
        <source>Acting in the past: new branch “%1” from %2</source>
        <translation>Action dans le passé&#xa0;: nouvelle branche «&#xa0;%1&#xa0;» à partir de %2</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Non appliqué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 → %2&lt;/b&gt;&lt;br&gt;%3&lt;br&gt;sent at %4, arrives at %5</source>
        <translation>&lt;b&gt;%1 → %2&lt;/b&gt;&lt;br&gt;%3&lt;br&gt;envoyé à %4, arrive à %5</translation>
    </message>
    <message>
        <source>&amp;Drop it</source>
        <translation>&amp;Le supprimer</translation>
    </message>
    <message>
        <source>every node</source>
        <translation>tous les nœuds</translation>
    </message>
    <message>
        <source>Default cluster</source>
        <translation>Cluster par défaut</translation>
    </message>
    <message>
        <source>New cluster</source>
        <translation>Nouveau cluster</translation>
    </message>
    <message>
        <source>Cannot open the scenario</source>
        <translation>Impossible d&apos;ouvrir le scénario</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot open the recording</source>
        <translation>Impossible d&apos;ouvrir l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Cannot save the recording</source>
        <translation>Impossible d&apos;enregistrer</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Unsaved work</source>
        <translation>Travail non enregistré</translation>
    </message>
    <message>
        <source>You acted on this run since it was saved. Save it as a recording first?</source>
        <translation>Vous avez agi sur ce déroulé depuis son enregistrement. L&apos;enregistrer d&apos;abord&#xa0;?</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>sans titre</translation>
    </message>
    <message>
        <source>%1[*] — Radeau</source>
        <translation>%1[*] — Radeau</translation>
    </message>
    <message>
        <source>❚❚  Pause</source>
        <translation>❚❚  Pause</translation>
    </message>
    <message>
        <source>  (from %1 at %2)</source>
        <translation>  (de %1 à %2)</translation>
    </message>
    <message>
        <source>   (+%1 earlier)</source>
        <translation>   (+%1 avant)</translation>
    </message>
    <message>
        <source>   at %1</source>
        <translation>   à %1</translation>
    </message>
    <message>
        <source>Full Raft</source>
        <translation>Raft complet</translation>
    </message>
    <message>
        <source>Chapter %1: %2</source>
        <translation>Chapitre %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>à %1</translation>
    </message>
    <message>
        <source>✓  no violation</source>
        <translation>✓  aucune violation</translation>
    </message>
    <message>
        <source>entries sent: %1</source>
        <translation>entrées envoyées&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source> + %n snapshot(s)</source>
        <translation>
            <numerusform> + %n snapshot</numerusform>
            <numerusform> + %n snapshots</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Space-time</source>
        <translation>&amp;Espace-temps</translation>
    </message>
    <message>
        <source>&amp;Open a recording, script or talk…</source>
        <translation>&amp;Ouvrir un enregistrement, un script ou un talk…</translation>
    </message>
    <message>
        <source>&amp;What is Raft?</source>
        <translation>&amp;Qu&apos;est-ce que Raft&#xa0;?</translation>
    </message>
    <message>
        <source>What is Raft?</source>
        <translation>Qu&apos;est-ce que Raft&#xa0;?</translation>
    </message>
    <message>
        <source>Show the s&amp;pace-time view</source>
        <translation>Afficher la vue es&amp;pace-temps</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Added to branch “%1” at %2</source>
        <translation>Ajouté à la branche «&#xa0;%1&#xa0;» à %2</translation>
    </message>
    <message>
        <source>Paused at 0 s — Space to start, ? for the keys</source>
        <translation>En pause à 0&#xa0;s — Espace pour démarrer, «&#xa0;?&#xa0;» pour les touches</translation>
    </message>
    <message>
        <source>Cannot open the talk</source>
        <translation>Impossible d&apos;ouvrir le talk</translation>
    </message>
    <message>
        <source>This window already presents a talk; start another Radeau for %1.</source>
        <translation>Cette fenêtre présente déjà un talk&#xa0;; lancez un autre Radeau pour %1.</translation>
    </message>
    <message>
        <source>%1 selected: P cuts them off from the rest</source>
        <translation>%1 sélectionnés&#xa0;: P les coupe du reste</translation>
    </message>
    <message>
        <source>&amp;Keys and legend…</source>
        <translation>&amp;Touches et légende…</translation>
    </message>
    <message>
        <source>&amp;Partition the selected nodes off</source>
        <translation>&amp;Partitionner les nœuds sélectionnés</translation>
    </message>
    <message>
        <source>Partition &amp;by choosing the nodes…</source>
        <translation>Partitionner en &amp;choisissant les nœuds…</translation>
    </message>
    <message>
        <source>Find a &amp;failure for these rules…</source>
        <translation>Trouver une &amp;défaillance pour ces règles…</translation>
    </message>
    <message>
        <source>%1 selected: W write, R read, C crash/restart, I isolate, T timeout</source>
        <translation>%1 sélectionné&#xa0;: W écrire, R lire, C panne/redémarrage, I isoler, T délai</translation>
    </message>
    <message>
        <source>&amp;Read a key at the selected node…</source>
        <translation>&amp;Lire une clé sur le nœud sélectionné…</translation>
    </message>
    <message>
        <source>&amp;Read a key at</source>
        <translation>&amp;Lire une clé sur</translation>
    </message>
    <message>
        <source>Rea&amp;d a key…</source>
        <translation>Li&amp;re une clé…</translation>
    </message>
    <message>
        <source>Client read</source>
        <translation>Lecture d&apos;un client</translation>
    </message>
    <message>
        <source>Key to read at %1:</source>
        <translation>Clé à lire sur %1&#xa0;:</translation>
    </message>
    <message>
        <source>Cannot read: %1</source>
        <translation>Lecture impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Add to the configuration</source>
        <translation>&amp;Ajouter à la configuration</translation>
    </message>
    <message>
        <source>Re&amp;move from the configuration</source>
        <translation>Re&amp;tirer de la configuration</translation>
    </message>
    <message>
        <source>the key “%1” is longer than %2 bytes</source>
        <translation>la clé «&#xa0;%1&#xa0;» dépasse %2 octets</translation>
    </message>
    <message>
        <source>the key “%1” may hold letters, digits and signs, not “=”, quotes or spaces</source>
        <translation>la clé «&#xa0;%1&#xa0;» peut contenir lettres, chiffres et signes, mais ni «&#xa0;=&#xa0;», ni guillemets, ni espaces</translation>
    </message>
</context>
<context>
    <name>radeau::gui::NewClusterDialog</name>
    <message>
        <source>New cluster</source>
        <translation>Nouveau cluster</translation>
    </message>
    <message>
        <source>&amp;Nodes:</source>
        <translation>&amp;Nœuds&#xa0;:</translation>
    </message>
    <message>
        <source>Full Raft</source>
        <translation>Raft complet</translation>
    </message>
    <message>
        <source>Chapter %1: %2</source>
        <translation>Chapitre %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>&amp;Rules:</source>
        <translation>&amp;Règles&#xa0;:</translation>
    </message>
    <message>
        <source>Node %1:</source>
        <translation>Nœud %1&#xa0;:</translation>
    </message>
</context>
<context>
    <name>radeau::gui::NodeTableModel</name>
    <message>
        <source>crashed</source>
        <translation>en panne</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>Voted for</source>
        <translation>A voté pour</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Voix</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>Election</source>
        <translation>Élection</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>pre-candidate</source>
        <translation>pre-candidate</translation>
    </message>
</context>
<context>
    <name>radeau::gui::PartitionDialog</name>
    <message>
        <source>Partition the network</source>
        <translation>Partitionner le réseau</translation>
    </message>
    <message>
        <source>Nodes on one side (the others form the other side).
Keys 1–9 tick a node, Enter cuts:</source>
        <translation>Nœuds d&apos;un côté (les autres forment l&apos;autre côté).
Les touches 1 à 9 cochent un nœud, Entrée coupe&#xa0;:</translation>
    </message>
</context>
<context>
    <name>radeau::gui::PresenterMode</name>
    <message>
        <source>●  LIVE — off script</source>
        <translation>●  EN DIRECT — hors script</translation>
    </message>
    <message>
        <source>pause %1/%2</source>
        <translation>pause %1/%2</translation>
    </message>
    <message>
        <source> · LIVE — off script (Backspace: back to the prepared run)</source>
        <translation> · EN DIRECT — hors script (Retour arrière&#xa0;: revenir au déroulé préparé)</translation>
    </message>
    <message>
        <source>next: pause at %1 s</source>
        <translation>ensuite&#xa0;: pause à %1 s</translation>
    </message>
    <message>
        <source>next: %1</source>
        <translation>ensuite&#xa0;: %1</translation>
    </message>
    <message>
        <source>next: the next step</source>
        <translation>ensuite&#xa0;: l&apos;étape suivante</translation>
    </message>
    <message>
        <source>Back to the prepared run</source>
        <translation>Revenir au déroulé préparé</translation>
    </message>
    <message>
        <source>Radeau — presenter notes</source>
        <translation>Radeau — notes de l&apos;orateur</translation>
    </message>
    <message>
        <source>&amp;Talk</source>
        <translation>&amp;Exposé</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Ensuite&#xa0;: %1</translation>
    </message>
    <message>
        <source>Last step</source>
        <translation>Dernière étape</translation>
    </message>
</context>
<context>
    <name>radeau::gui::SpaceTimeView</name>
    <message>
        <source>Space-time view: one lane per node, an arrow per message. Wheel: zoom in time; click: go there.</source>
        <translation>Vue espace-temps&#xa0;: une ligne par nœud, une flèche par message. Molette&#xa0;: zoom dans le temps&#xa0;; clic&#xa0;: y aller.</translation>
    </message>
</context>
<context>
    <name>radeau::gui::Timeline</name>
    <message>
        <source>Click or drag to move the playhead</source>
        <translation>Cliquer ou glisser pour déplacer la tête de lecture</translation>
    </message>
</context>
<context>
    <name>radeau::i18n</name>
    <message>
        <source>unknown language &apos;%1&apos; for --lang: use en or fr</source>
        <translation>langue «&#xa0;%1&#xa0;» inconnue pour --lang&#xa0;: utiliser en ou fr</translation>
    </message>
</context>
<context>
    <name>radeau::live::LiveCluster</name>
    <message>
        <source>already running</source>
        <translation>déjà lancé</translation>
    </message>
    <message>
        <source>%1 names for %2 nodes</source>
        <translation>%1 noms pour %2 nœuds</translation>
    </message>
    <message>
        <source>node program not found: %1</source>
        <translation>programme du nœud introuvable&#xa0;: %1</translation>
    </message>
    <message>
        <source>cannot create a temporary directory</source>
        <translation>impossible de créer un dossier temporaire</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>impossible d&apos;écrire %1</translation>
    </message>
    <message>
        <source>observer cannot listen: %1</source>
        <translation>l&apos;observateur ne peut pas écouter&#xa0;: %1</translation>
    </message>
    <message>
        <source>refused an observer connection: bad hello</source>
        <translation>connexion à l&apos;observateur refusée&#xa0;: hello invalide</translation>
    </message>
    <message>
        <source>refused an observer connection: a hello for %1 from process %2, not the one started for it</source>
        <translation>connexion à l&apos;observateur refusée&#xa0;: un hello pour %1 venu du processus %2, pas de celui lancé pour lui</translation>
    </message>
    <message>
        <source>observer stream: %1</source>
        <translation>flux de l&apos;observateur&#xa0;: %1</translation>
    </message>
    <message>
        <source>connection to the node lost</source>
        <translation>connexion au nœud perdue</translation>
    </message>
    <message>
        <source>a live cluster has 1 to 9 nodes, spares included</source>
        <translation>un cluster réel a de 1 à 9 nœuds, réserve comprise</translation>
    </message>
</context>
<context>
    <name>radeau::node</name>
    <message>
        <source>unexpected argument: %1</source>
        <translation>argument inattendu&#xa0;: %1</translation>
    </message>
    <message>
        <source>--name is required</source>
        <translation>--name est obligatoire</translation>
    </message>
    <message>
        <source>--peers is required (name=host:port,...)</source>
        <translation>--peers est obligatoire (name=host:port,...)</translation>
    </message>
    <message>
        <source>--data-dir is required</source>
        <translation>--data-dir est obligatoire</translation>
    </message>
    <message>
        <source>--listen is required when --peers does not list this node</source>
        <translation>--listen est obligatoire quand --peers ne cite pas ce nœud</translation>
    </message>
    <message>
        <source>a cluster token of at least 8 characters is required (--token or --token-file)</source>
        <translation>un jeton de cluster d&apos;au moins 8 caractères est obligatoire (--token ou --token-file)</translation>
    </message>
    <message>
        <source>(see radeau-node --help)</source>
        <translation>(voir radeau-node --help)</translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation>impossible de lire %1</translation>
    </message>
    <message>
        <source>usage:</source>
        <translation>utilisation&#xa0;:</translation>
    </message>
    <message>
        <source>(see --help)</source>
        <translation>(voir --help)</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>argument «&#xa0;%1&#xa0;» inattendu</translation>
    </message>
    <message>
        <source>One Raft node as a process; with the others it forms a live cluster.
Give every node the same --peers list (its own entry included): node ids follow it.
--delay-ms holds each message for its latency draw (from the node&apos;s seed) before
sending it, so that a person can follow messages at real speed.
A leader sends new entries as soon as a batch of writes arrives; with
--heartbeat-paced (implied by --delay-ms) only with its heartbeats.
With snapshots a node compacts every 8 applied entries, as in the talk;
--snapshot-entries N makes it every N (a busy cluster wants thousands).
A write-ahead log damaged anywhere but in its last record stops the node
(exit 2, the file untouched); --repair truncates it to its last good record.
write sends one client write to a node&apos;s client port and prints the answer.
--lang en|fr: help and messages in English or French (default: the
environment&apos;s language, from LANGUAGE, LC_ALL, LC_MESSAGES or LANG).
Exit status: 0 success, 1 failure, 2 usage or input error.
</source>
        <translation>Un nœud Raft dans son propre processus&#xa0;; avec les autres, il forme un cluster réel.
Donnez à chaque nœud la même liste --peers (sa propre entrée comprise)&#xa0;: les
numéros des nœuds suivent son ordre.
--delay-ms retient chaque message le temps de son tirage de latence (d&apos;après la
graine du nœud) avant de l&apos;envoyer, pour qu&apos;une personne puisse suivre les messages
à vitesse réelle.
Un leader envoie les nouvelles entrées dès qu&apos;un lot d&apos;écritures arrive&#xa0;; avec
--heartbeat-paced (implicite avec --delay-ms), seulement avec ses heartbeats.
Avec les snapshots, un nœud compacte toutes les 8 entrées appliquées, comme dans
l&apos;exposé&#xa0;; --snapshot-entries N le fait toutes les N (il en faut des milliers
à un cluster chargé).
Un journal d&apos;écriture anticipée (WAL) endommagé ailleurs que dans son dernier
enregistrement arrête le nœud (code 2, fichier intact)&#xa0;; --repair le tronque à
son dernier enregistrement valide.
write envoie une écriture client au port client d&apos;un nœud et affiche la réponse.
--lang en|fr&#xa0;: l&apos;aide et les messages en anglais ou en français (par défaut&#xa0;: la
langue de l&apos;environnement, d&apos;après LANGUAGE, LC_ALL, LC_MESSAGES ou LANG).
Code de sortie&#xa0;: 0 succès, 1 échec, 2 erreur d&apos;usage ou d&apos;entrée.
</translation>
    </message>
</context>
</TS>
