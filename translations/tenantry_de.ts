<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de">
<context>
    <name>Tenantry::ApiError</name>
    <message>
        <source>The server cannot be reached. Check the server address and your network connection, then try again.</source>
        <translation>Der Server ist nicht erreichbar. Prüfen Sie die Serveradresse und Ihre Netzwerkverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Try again; if it keeps happening, the server may be overloaded.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut; geschieht das wiederholt, ist der Server womöglich überlastet.</translation>
    </message>
    <message>
        <source>Your session has ended or is not valid. Sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen oder ungültig. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your role does not allow this action. Ask an administrator for access.</source>
        <translation>Ihre Rolle erlaubt diese Aktion nicht. Bitten Sie einen Administrator um Zugriff.</translation>
    </message>
    <message>
        <source>The requested item does not exist. It may have been removed; refresh the list.</source>
        <translation>Das angeforderte Element existiert nicht. Es wurde vielleicht entfernt; aktualisieren Sie die Liste.</translation>
    </message>
    <message>
        <source>The change conflicts with existing data or with an earlier request. Check the values and try again.</source>
        <translation>Die Änderung steht im Konflikt mit vorhandenen Daten oder einer früheren Anfrage. Prüfen Sie die Werte und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Someone else changed this item since you loaded it. Review the current version and apply your change again.</source>
        <translation>Jemand anderes hat dieses Element geändert, seit Sie es geladen haben. Prüfen Sie die aktuelle Fassung und nehmen Sie Ihre Änderung erneut vor.</translation>
    </message>
    <message>
        <source>The server refused the value of “%1”. Correct it and try again.</source>
        <translation>Der Server hat den Wert von „%1“ abgelehnt. Korrigieren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server refused the request as invalid.</source>
        <translation>Der Server hat die Anfrage als ungültig abgelehnt.</translation>
    </message>
    <message>
        <source>Too many requests in a short time. Wait a moment and try again.</source>
        <translation>Zu viele Anfragen in kurzer Zeit. Warten Sie einen Moment und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server failed to handle the request (HTTP %1). Try again later; if it persists, contact support with the request id.</source>
        <translation>Der Server konnte die Anfrage nicht verarbeiten (HTTP %1). Versuchen Sie es später erneut; bleibt der Fehler, wenden Sie sich mit der Anfrage-ID an den Support.</translation>
    </message>
    <message>
        <source>The server failed to handle the request. Try again later.</source>
        <translation>Der Server konnte die Anfrage nicht verarbeiten. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The server's answer could not be read. The server may run a version this console does not support.</source>
        <translation>Die Antwort des Servers konnte nicht gelesen werden. Der Server läuft womöglich in einer Version, die diese Konsole nicht unterstützt.</translation>
    </message>
    <message>
        <source>The connection is not secure: the server's certificate is not trusted or the address does not use https. Check the server address and its certificate authority.</source>
        <translation>Die Verbindung ist nicht sicher: Dem Zertifikat des Servers wird nicht vertraut oder die Adresse verwendet kein https. Prüfen Sie die Serveradresse und ihre Zertifizierungsstelle.</translation>
    </message>
</context>
<context>
    <name>Tenantry::AuditEventTableModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Anfrage-ID</translation>
    </message>
</context>
<context>
    <name>Tenantry::AuditLogView</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Actor (user id)</source>
        <translation>Akteur (Benutzer-ID)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target id</source>
        <translation>Ziel-ID</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation><numerusform>%Ln Ereignis</numerusform><numerusform>%Ln Ereignisse</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) loaded, more as you scroll</source>
        <translation><numerusform>%Ln Ereignis geladen, weitere beim Blättern</numerusform><numerusform>%Ln Ereignisse geladen, weitere beim Blättern</numerusform></translation>
    </message>
</context>
<context>
    <name>Tenantry::CommandPalette</name>
    <message>
        <source>Go to a view, run a command or find a tenant…</source>
        <translation>Ansicht öffnen, Befehl ausführen oder Mandanten suchen …</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter open · Esc close</source>
        <translation>↑↓ auswählen · Eingabe öffnen · Esc schließen</translation>
    </message>
</context>
<context>
    <name>Tenantry::CommandPaletteModel</name>
    <message>
        <source>Open tenant: %1</source>
        <translation>Mandant öffnen: %1</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
</context>
<context>
    <name>Tenantry::ConnectionBanner</name>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Checking again…</source>
        <translation>Der Server ist nicht erreichbar (%1). Erneute Prüfung …</translation>
    </message>
    <message numerus="yes">
        <source>The server cannot be reached (%1). Checking again in %Ln second(s); your work on this screen is kept.</source>
        <translation><numerusform>Der Server ist nicht erreichbar (%1). Erneute Prüfung in %Ln Sekunde; Ihre Eingaben auf dieser Seite bleiben erhalten.</numerusform><numerusform>Der Server ist nicht erreichbar (%1). Erneute Prüfung in %Ln Sekunden; Ihre Eingaben auf dieser Seite bleiben erhalten.</numerusform></translation>
    </message>
</context>
<context>
    <name>Tenantry::ConsoleApplication</name>
    <message>
        <source>Starting the demo server…</source>
        <translation>Demo-Server wird gestartet …</translation>
    </message>
    <message>
        <source>Sign in to a Tenantry server, or run “tenantry --demo” to try Tenantry on demo data.</source>
        <translation>Melden Sie sich an einem Tenantry-Server an, oder starten Sie „tenantry --demo“, um Tenantry mit Demodaten auszuprobieren.</translation>
    </message>
    <message>
        <source>The demo server wrote no password for %1 in %2.</source>
        <translation>Der Demo-Server hat kein Passwort für %1 in %2 hinterlegt.</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Anmeldung bei %1 …</translation>
    </message>
    <message numerus="yes">
        <source>Signed in as %1 on %2: %Ln tenant(s).</source>
        <translation><numerusform>Angemeldet als %1 bei %2: %Ln Mandant.</numerusform><numerusform>Angemeldet als %1 bei %2: %Ln Mandanten.</numerusform></translation>
    </message>
</context>
<context>
    <name>Tenantry::CredentialError</name>
    <message>
        <source>No saved session for this server. Sign in.</source>
        <translation>Für diesen Server ist keine Sitzung gespeichert. Melden Sie sich an.</translation>
    </message>
    <message>
        <source>The system keychain is not available or is locked. Unlock it (or start a keyring service) and try again; the session is not saved meanwhile.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar oder gesperrt. Entsperren Sie ihn (oder starten Sie einen Schlüsselbunddienst) und versuchen Sie es erneut; bis dahin wird die Sitzung nicht gespeichert.</translation>
    </message>
    <message>
        <source>The system keychain refused access to the saved session. Allow Tenantry to use the keychain and try again.</source>
        <translation>Der Schlüsselbund des Systems hat den Zugriff auf die gespeicherte Sitzung verweigert. Erlauben Sie Tenantry den Zugriff und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The system keychain failed: %1</source>
        <translation>Fehler im Schlüsselbund des Systems: %1</translation>
    </message>
</context>
<context>
    <name>Tenantry::DemoServer</name>
    <message>
        <source>The demo server could not be started: %1</source>
        <translation>Der Demo-Server konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>No temporary folder for the demo data: %1</source>
        <translation>Kein temporärer Ordner für die Demodaten: %1</translation>
    </message>
    <message>
        <source>The demo data folder %1 cannot be made.</source>
        <translation>Der Ordner für die Demodaten %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The demo server (tenantryd) is not installed next to tenantry.</source>
        <translation>Der Demo-Server (tenantryd) ist nicht neben tenantry installiert.</translation>
    </message>
    <message>
        <source>The demo server did not start within a minute.</source>
        <translation>Der Demo-Server ist nicht innerhalb einer Minute gestartet.</translation>
    </message>
    <message>
        <source>The demo server stopped unexpectedly; see %1.</source>
        <translation>Der Demo-Server wurde unerwartet beendet; siehe %1.</translation>
    </message>
    <message>
        <source>The demo server exited with code %1; see %2.</source>
        <translation>Der Demo-Server wurde mit Code %1 beendet; siehe %2.</translation>
    </message>
</context>
<context>
    <name>Tenantry::DisplayText</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Silo</source>
        <translation>Silo</translation>
    </message>
    <message>
        <source>Hybrid</source>
        <translation>Hybrid</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Finanzen</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>amount and ISO currency code</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Request id: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
</context>
<context>
    <name>Tenantry::FeatureTableModel</name>
    <message>
        <source>Feature</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Included in</source>
        <translation>Enthalten in</translation>
    </message>
</context>
<context>
    <name>Tenantry::MainWindow</name>
    <message>
        <source>The finance dashboard comes in a later version.</source>
        <translation>Das Finanz-Dashboard kommt in einer späteren Version.</translation>
    </message>
    <message>
        <source>Tenantry</source>
        <translation>Tenantry</translation>
    </message>
    <message>
        <source>Tenants</source>
        <translation>Mandanten</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>Plans &amp; Features</source>
        <translation>Tarife &amp; Funktionen</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Back to tenants</source>
        <translation>Zurück zu den Mandanten</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Go to Tenants</source>
        <translation>Gehe zu Mandanten</translation>
    </message>
    <message>
        <source>Go to Subscriptions</source>
        <translation>Gehe zu Abonnements</translation>
    </message>
    <message>
        <source>Go to Plans &amp; Features</source>
        <translation>Gehe zu Tarife &amp; Funktionen</translation>
    </message>
    <message>
        <source>Go to Dashboard</source>
        <translation>Gehe zu Dashboard</translation>
    </message>
    <message>
        <source>Go to Audit log</source>
        <translation>Gehe zu Prüfprotokoll</translation>
    </message>
    <message>
        <source>Command palette…</source>
        <translation>Befehlspalette …</translation>
    </message>
    <message>
        <source>Find tenant</source>
        <translation>Mandant suchen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Export tenants to CSV…</source>
        <translation>Mandanten als CSV exportieren …</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>Erneut anmelden …</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 …</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again to continue where you were.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um dort weiterzumachen, wo Sie waren.</translation>
    </message>
</context>
<context>
    <name>Tenantry::Permissions</name>
    <message>
        <source>Your role (%1) cannot do this: it needs the %2 permission, which %3 have.</source>
        <translation>Ihre Rolle (%1) darf das nicht: Dafür ist die Berechtigung %2 nötig, die %3 haben.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>Tenantry::PlanTableModel</name>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Jährlich</translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation><numerusform>%Ln Tag</numerusform><numerusform>%Ln Tage</numerusform></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>Testphase</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Angeboten</translation>
    </message>
</context>
<context>
    <name>Tenantry::PlansView</name>
    <message>
        <source>&lt;b&gt;Plans&lt;/b&gt;</source>
        <translation>&lt;b&gt;Tarife&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Features&lt;/b&gt;</source>
        <translation>&lt;b&gt;Funktionen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Loading plans and features…</source>
        <translation>Tarife und Funktionen werden geladen …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln plan(s)</source>
        <translation><numerusform>%Ln Tarif</numerusform><numerusform>%Ln Tarife</numerusform></translation>
    </message>
</context>
<context>
    <name>Tenantry::ScreenshotTour</name>
    <message>
        <source>The folder %1 cannot be made.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 cannot be written.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>Tenantry::SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in to Tenantry</source>
        <translation>Bei Tenantry anmelden</translation>
    </message>
    <message>
        <source>https://tenantry.example.com</source>
        <translation>https://tenantry.example.com</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>sie@example.com</translation>
    </message>
    <message>
        <source>New server</source>
        <translation>Neuer Server</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Enter the server's address, such as https://tenantry.example.com.</source>
        <translation>Geben Sie die Adresse des Servers ein, etwa https://tenantry.example.com.</translation>
    </message>
    <message>
        <source>Enter your email and password.</source>
        <translation>Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.</translation>
    </message>
</context>
<context>
    <name>Tenantry::SubscriptionsView</name>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
</context>
<context>
    <name>Tenantry::TenantCsvExporter</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Tenantry::TenantDetailView</name>
    <message>
        <source>Tenant %1</source>
        <translation>Mandant %1</translation>
    </message>
</context>
<context>
    <name>Tenantry::TenantTableModel</name>
    <message>
        <source>No plan</source>
        <translation>Kein Tarif</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Kurzname</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Isolation</source>
        <translation>Isolation</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Contact email</source>
        <translation>Kontakt-E-Mail</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>Tenantry::TenantsView</name>
    <message>
        <source>Save filter…</source>
        <translation>Filter speichern …</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Search by name, slug, contact email or tenant id</source>
        <translation>Nach Name, Kurzname, Kontakt-E-Mail oder Mandanten-ID suchen</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Any plan</source>
        <translation>Jeder Tarif</translation>
    </message>
    <message>
        <source>Any isolation</source>
        <translation>Jede Isolation</translation>
    </message>
    <message>
        <source>Any region</source>
        <translation>Jede Region</translation>
    </message>
    <message>
        <source>Saved filters:</source>
        <translation>Gespeicherte Filter:</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln tenant(s)</source>
        <translation><numerusform>%Ln Mandant</numerusform><numerusform>%Ln Mandanten</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln tenant(s) loaded, more as you scroll</source>
        <translation><numerusform>%Ln Mandant geladen, weitere beim Blättern</numerusform><numerusform>%Ln Mandanten geladen, weitere beim Blättern</numerusform></translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>Sperren …</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reaktivieren</translation>
    </message>
    <message>
        <source>Only an active tenant can be suspended.</source>
        <translation>Nur ein aktiver Mandant kann gesperrt werden.</translation>
    </message>
    <message>
        <source>Only a suspended tenant can be reactivated.</source>
        <translation>Nur ein gesperrter Mandant kann reaktiviert werden.</translation>
    </message>
    <message>
        <source>Copy tenant id</source>
        <translation>Mandanten-ID kopieren</translation>
    </message>
    <message>
        <source>Suspend %1</source>
        <translation>%1 sperren</translation>
    </message>
    <message>
        <source>Suspending %1 stops its users from signing in. Reason (kept in the audit log):</source>
        <translation>Nach dem Sperren von %1 können sich dessen Benutzer nicht mehr anmelden. Grund (wird im Prüfprotokoll festgehalten):</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>The tenant could not be suspended</source>
        <translation>Der Mandant konnte nicht gesperrt werden</translation>
    </message>
    <message>
        <source>Suspended %1.</source>
        <translation>%1 gesperrt.</translation>
    </message>
    <message>
        <source>Suspending…</source>
        <translation>Wird gesperrt …</translation>
    </message>
    <message>
        <source>The tenant could not be reactivated</source>
        <translation>Der Mandant konnte nicht reaktiviert werden</translation>
    </message>
    <message>
        <source>Reactivated %1.</source>
        <translation>%1 reaktiviert.</translation>
    </message>
    <message>
        <source>Reactivating…</source>
        <translation>Wird reaktiviert …</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Filter speichern</translation>
    </message>
    <message>
        <source>Name of this search and filters:</source>
        <translation>Name für diese Suche und Filter:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Export tenants</source>
        <translation>Mandanten exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exporting tenants…</source>
        <translation>Mandanten werden exportiert …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Exporting tenants… %1 written</source>
        <translation>Mandanten werden exportiert … %1 geschrieben</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>The export failed</source>
        <translation>Der Export ist fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln tenant(s) to %1.</source>
        <translation><numerusform>%Ln Mandant nach %1 exportiert.</numerusform><numerusform>%Ln Mandanten nach %1 exportiert.</numerusform></translation>
    </message>
</context>
<context>
    <name>Tenantry::TlsPolicy</name>
    <message>
        <source>“%1” is not a server address. Use https://host[:port].</source>
        <translation>„%1“ ist keine Serveradresse. Verwenden Sie https://host[:port].</translation>
    </message>
    <message>
        <source>The certificate authority file “%1” cannot be read: %2</source>
        <translation>Die Datei der Zertifizierungsstelle „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The certificate authority file “%1” holds no PEM certificate.</source>
        <translation>Die Datei der Zertifizierungsstelle „%1“ enthält kein PEM-Zertifikat.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Start the bundled tenantryd with demo data and sign in to it.</source>
        <translation>Den mitgelieferten tenantryd mit Demodaten starten und sich dort anmelden.</translation>
    </message>
    <message>
        <source>The demo server's data folder (default: a temporary one).</source>
        <translation>Der Datenordner des Demo-Servers (Vorgabe: ein temporärer).</translation>
    </message>
    <message>
        <source>With --demo: print the outcome and quit once signed in (status 0) or on failure (status 1).</source>
        <translation>Mit --demo: das Ergebnis ausgeben und nach der Anmeldung (Status 0) oder bei einem Fehler (Status 1) beenden.</translation>
    </message>
    <message>
        <source>Tenantry, the console of a SaaS control plane.</source>
        <translation>Tenantry, die Konsole einer SaaS-Steuerungsebene.</translation>
    </message>
</context>
</TS>