<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
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
        <source>The server&apos;s answer could not be read. The server may run a version this console does not support.</source>
        <translation>Die Antwort des Servers konnte nicht gelesen werden. Der Server läuft womöglich in einer Version, die diese Konsole nicht unterstützt.</translation>
    </message>
    <message>
        <source>The connection is not secure: the server&apos;s certificate is not trusted or the address does not use https. Check the server address and its certificate authority.</source>
        <translation>Die Verbindung ist nicht sicher: Dem Zertifikat des Servers wird nicht vertraut oder die Adresse verwendet kein https. Prüfen Sie die Serveradresse und ihre Zertifizierungsstelle.</translation>
    </message>
</context>
<context>
    <name>Tenantry::AuditEventModel</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Request id: %1</source>
        <translation>Anfrage-ID: %1</translation>
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
        <translation>
            <numerusform>%Ln Ereignis</numerusform>
            <numerusform>%Ln Ereignisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) loaded, more as you scroll</source>
        <translation>
            <numerusform>%Ln Ereignis geladen, weitere beim Blättern</numerusform>
            <numerusform>%Ln Ereignisse geladen, weitere beim Blättern</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::BillingDriftTableModel</name>
    <message>
        <source>Missing locally</source>
        <translation>Fehlt hier</translation>
    </message>
    <message>
        <source>Missing at the provider</source>
        <translation>Fehlt beim Anbieter</translation>
    </message>
    <message>
        <source>Status differs</source>
        <translation>Status weicht ab</translation>
    </message>
    <message>
        <source>Price differs</source>
        <translation>Preis weicht ab</translation>
    </message>
    <message>
        <source>Quantity differs</source>
        <translation>Menge weicht ab</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>quantity %1</source>
        <translation>Menge %1</translation>
    </message>
    <message>
        <source>(no details)</source>
        <translation>(keine Angaben)</translation>
    </message>
    <message>
        <source>Subscription %1 exists only at the billing provider (%2): it will be created locally.</source>
        <translation>Das Abonnement %1 gibt es nur beim Abrechnungsanbieter (%2): Es wird hier angelegt.</translation>
    </message>
    <message>
        <source>Subscription %1 does not exist at the billing provider: the local one (%2) will be ended.</source>
        <translation>Das Abonnement %1 gibt es beim Abrechnungsanbieter nicht: Das hiesige (%2) wird beendet.</translation>
    </message>
    <message>
        <source>The status of subscription %1 changes from %2 to %3.</source>
        <translation>Der Status des Abonnements %1 ändert sich von %2 zu %3.</translation>
    </message>
    <message>
        <source>The price of subscription %1 changes from %2 to %3.</source>
        <translation>Der Preis des Abonnements %1 ändert sich von %2 zu %3.</translation>
    </message>
    <message>
        <source>The quantity of subscription %1 changes from %2 to %3.</source>
        <translation>Die Menge des Abonnements %1 ändert sich von %2 zu %3.</translation>
    </message>
    <message>
        <source>Subscription %1 changes from %2 to %3.</source>
        <translation>Das Abonnement %1 ändert sich von %2 zu %3.</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>At the provider</source>
        <translation>Beim Anbieter</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <source>Subscription %1, at the provider %2</source>
        <translation>Abonnement %1, beim Anbieter %2</translation>
    </message>
    <message>
        <source>(no tenant)</source>
        <translation>(kein Mandant)</translation>
    </message>
    <message>
        <source>Applied %1</source>
        <translation>Übernommen %1</translation>
    </message>
    <message>
        <source>Tenant %1, subscription %2, at the provider %3</source>
        <translation>Mandant %1, Abonnement %2, beim Anbieter %3</translation>
    </message>
</context>
<context>
    <name>Tenantry::BillingView</name>
    <message>
        <source>Simulator (test mode, no Stripe account)</source>
        <translation>Simulator (Testmodus, ohne Stripe-Konto)</translation>
    </message>
    <message>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>None: billing is not configured</source>
        <translation>Keiner: Die Abrechnung ist nicht eingerichtet</translation>
    </message>
    <message>
        <source>Test clock:</source>
        <translation>Testuhr:</translation>
    </message>
    <message>
        <source>Advance 1 day</source>
        <translation>1 Tag vorstellen</translation>
    </message>
    <message>
        <source>Advance 1 month</source>
        <translation>1 Monat vorstellen</translation>
    </message>
    <message>
        <source>Advance to…</source>
        <translation>Vorstellen auf …</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Webhook inbox</source>
        <translation>Webhook-Eingang</translation>
    </message>
    <message>
        <source>Replay…</source>
        <translation>Erneut verarbeiten …</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Run reconciliation</source>
        <translation>Abgleich starten</translation>
    </message>
    <message>
        <source>Apply provider&apos;s value…</source>
        <translation>Wert des Anbieters übernehmen …</translation>
    </message>
    <message>
        <source>Billing provider</source>
        <translation>Abrechnungsanbieter</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Compare every local subscription with the billing provider&apos;s state: differences are listed here, and the provider&apos;s value can be applied row by row.</source>
        <translation>Vergleicht jedes hiesige Abonnement mit dem Stand beim Abrechnungsanbieter: Abweichungen werden hier aufgeführt, und der Wert des Anbieters kann Zeile für Zeile übernommen werden.</translation>
    </message>
    <message>
        <source>The billing provider&apos;s state could not be loaded.</source>
        <translation>Der Stand des Abrechnungsanbieters konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>Provider: %1</source>
        <translation>Anbieter: %1</translation>
    </message>
    <message>
        <source>Provider: …</source>
        <translation>Anbieter: …</translation>
    </message>
    <message>
        <source>The test clock could not be advanced.</source>
        <translation>Die Testuhr konnte nicht vorgestellt werden.</translation>
    </message>
    <message>
        <source>Advance the test clock</source>
        <translation>Testuhr vorstellen</translation>
    </message>
    <message>
        <source>Advance</source>
        <translation>Vorstellen</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Jetzt:</translation>
    </message>
    <message>
        <source>Advance to:</source>
        <translation>Vorstellen auf:</translation>
    </message>
    <message numerus="yes">
        <source>The simulator&apos;s clock moves %Ln day(s) ahead. Subscriptions renew, invoices are issued, payments are retried and trials end as they fall due, and their events arrive in the webhook inbox. The clock cannot be moved back.</source>
        <translation>
            <numerusform>Die Uhr des Simulators rückt %Ln Tag vor. Abonnements verlängern sich, Rechnungen werden gestellt, Zahlungen erneut versucht und Testphasen enden, sobald sie fällig werden; ihre Ereignisse erscheinen im Webhook-Eingang. Die Uhr kann nicht zurückgestellt werden.</numerusform>
            <numerusform>Die Uhr des Simulators rückt %Ln Tage vor. Abonnements verlängern sich, Rechnungen werden gestellt, Zahlungen erneut versucht und Testphasen enden, sobald sie fällig werden; ihre Ereignisse erscheinen im Webhook-Eingang. Die Uhr kann nicht zurückgestellt werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Advancing the test clock…</source>
        <translation>Testuhr wird vorgestellt …</translation>
    </message>
    <message>
        <source>The webhook inbox could not be loaded.</source>
        <translation>Der Webhook-Eingang konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>Older webhook events could not be loaded.</source>
        <translation>Ältere Webhook-Ereignisse konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>No webhook events yet.</source>
        <translation>Noch keine Webhook-Ereignisse.</translation>
    </message>
    <message>
        <source>No webhook events with this status.</source>
        <translation>Keine Webhook-Ereignisse mit diesem Status.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) shown; older ones follow.</source>
        <translation>
            <numerusform>%Ln Ereignis angezeigt; ältere folgen.</numerusform>
            <numerusform>%Ln Ereignisse angezeigt; ältere folgen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln Ereignis</numerusform>
            <numerusform>%Ln Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>und %Ln weiteres</numerusform>
            <numerusform>und %Ln weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Replay webhook events</source>
        <translation>Webhook-Ereignisse erneut verarbeiten</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut verarbeiten</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Ereignisse:</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) go back to pending and are applied again, like a new delivery. An event older than the state already applied changes nothing. Each replay is audited.</source>
        <translation>
            <numerusform>%Ln Ereignis wird wieder ausstehend und erneut angewendet, wie eine neue Zustellung. Ein Ereignis, das älter ist als der bereits angewendete Stand, ändert nichts. Jede erneute Verarbeitung wird protokolliert.</numerusform>
            <numerusform>%Ln Ereignisse werden wieder ausstehend und erneut angewendet, wie eine neue Zustellung. Ein Ereignis, das älter ist als der bereits angewendete Stand, ändert nichts. Jede erneute Verarbeitung wird protokolliert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replaying…</source>
        <translation>Wird erneut verarbeitet …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) could not be replayed. Replay retries only those.</source>
        <translation>
            <numerusform>%Ln Ereignis konnte nicht erneut verarbeitet werden. „Erneut verarbeiten“ versucht nur dieses noch einmal.</numerusform>
            <numerusform>%Ln Ereignisse konnten nicht erneut verarbeitet werden. „Erneut verarbeiten“ versucht nur diese noch einmal.</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting the reconciliation…</source>
        <translation>Abgleich wird gestartet …</translation>
    </message>
    <message>
        <source>The reconciliation could not be started.</source>
        <translation>Der Abgleich konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>The reconciliation&apos;s progress could not be read.</source>
        <translation>Der Fortschritt des Abgleichs konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The reconciliation waits for its turn…</source>
        <translation>Der Abgleich wartet, bis er an der Reihe ist …</translation>
    </message>
    <message>
        <source>Comparing subscriptions with the billing provider: %1 of %2…</source>
        <translation>Abonnements werden mit dem Abrechnungsanbieter verglichen: %1 von %2 …</translation>
    </message>
    <message>
        <source>Loading what the reconciliation found…</source>
        <translation>Ergebnisse des Abgleichs werden geladen …</translation>
    </message>
    <message>
        <source>The reconciliation was canceled.</source>
        <translation>Der Abgleich wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The reconciliation failed: %1</source>
        <translation>Der Abgleich ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the server gave no reason</source>
        <translation>der Server hat keinen Grund genannt</translation>
    </message>
    <message>
        <source>What the reconciliation found could not be loaded.</source>
        <translation>Die Ergebnisse des Abgleichs konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>No drift: local state matches the provider.</source>
        <translation>Keine Abweichungen: Der hiesige Stand stimmt mit dem Anbieter überein.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln difference(s) found, all applied.</source>
        <translation>
            <numerusform>%Ln Abweichung gefunden, bereits übernommen.</numerusform>
            <numerusform>%Ln Abweichungen gefunden, alle übernommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln difference(s) found. Select one to apply the provider&apos;s value.</source>
        <translation>
            <numerusform>%Ln Abweichung gefunden. Wählen Sie sie aus, um den Wert des Anbieters zu übernehmen.</numerusform>
            <numerusform>%Ln Abweichungen gefunden. Wählen Sie eine aus, um den Wert des Anbieters zu übernehmen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply the provider&apos;s value</source>
        <translation>Wert des Anbieters übernehmen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Difference:</source>
        <translation>Abweichung:</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Mandant:</translation>
    </message>
    <message>
        <source>(no tenant)</source>
        <translation>(kein Mandant)</translation>
    </message>
    <message>
        <source>Here:</source>
        <translation>Hier:</translation>
    </message>
    <message>
        <source>At the provider:</source>
        <translation>Beim Anbieter:</translation>
    </message>
    <message>
        <source>The change is audited.</source>
        <translation>Die Änderung wird protokolliert.</translation>
    </message>
    <message>
        <source>Applying the provider&apos;s value…</source>
        <translation>Wert des Anbieters wird übernommen …</translation>
    </message>
    <message>
        <source>The provider&apos;s value could not be applied.</source>
        <translation>Der Wert des Anbieters konnte nicht übernommen werden.</translation>
    </message>
    <message>
        <source>This row was applied meanwhile.</source>
        <translation>Diese Zeile wurde zwischenzeitlich übernommen.</translation>
    </message>
    <message>
        <source>The test clock is being advanced.</source>
        <translation>Die Testuhr wird gerade vorgestellt.</translation>
    </message>
    <message>
        <source>Move the simulator&apos;s clock one day ahead</source>
        <translation>Die Uhr des Simulators einen Tag vorstellen</translation>
    </message>
    <message>
        <source>Move the simulator&apos;s clock one calendar month ahead</source>
        <translation>Die Uhr des Simulators einen Kalendermonat vorstellen</translation>
    </message>
    <message>
        <source>Move the simulator&apos;s clock to a date and time</source>
        <translation>Die Uhr des Simulators auf ein Datum und eine Uhrzeit vorstellen</translation>
    </message>
    <message numerus="yes">
        <source>Replay the %Ln selected dead or ignored event(s)</source>
        <translation>
            <numerusform>Das ausgewählte gescheiterte oder ignorierte Ereignis erneut verarbeiten</numerusform>
            <numerusform>Die %Ln ausgewählten gescheiterten oder ignorierten Ereignisse erneut verarbeiten</numerusform>
        </translation>
    </message>
    <message>
        <source>Select dead or ignored events to replay them</source>
        <translation>Wählen Sie gescheiterte oder ignorierte Ereignisse aus, um sie erneut zu verarbeiten</translation>
    </message>
    <message>
        <source>A reconciliation is running</source>
        <translation>Ein Abgleich läuft</translation>
    </message>
    <message>
        <source>Compare every local subscription with the billing provider</source>
        <translation>Jedes hiesige Abonnement mit dem Abrechnungsanbieter vergleichen</translation>
    </message>
    <message>
        <source>Make the local subscription what the provider says</source>
        <translation>Das hiesige Abonnement auf den Stand des Anbieters bringen</translation>
    </message>
    <message>
        <source>This row has been applied</source>
        <translation>Diese Zeile wurde übernommen</translation>
    </message>
    <message>
        <source>Select a difference to apply it</source>
        <translation>Wählen Sie eine Abweichung aus, um sie zu übernehmen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Reconciliation finished %1</source>
        <translation>Abgleich abgeschlossen am %1</translation>
    </message>
    <message>
        <source>Reconciliation started %1</source>
        <translation>Abgleich gestartet am %1</translation>
    </message>
</context>
<context>
    <name>Tenantry::CohortTableModel</name>
    <message>
        <source>%1 of %2 customers still paying</source>
        <translation>%1 von %2 Kunden zahlen noch</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>Kohorte</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>Monat %1</translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>und %Ln weiteres</numerusform>
            <numerusform>und %Ln weitere</numerusform>
        </translation>
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
        <translation>
            <numerusform>Der Server ist nicht erreichbar (%1). Erneute Prüfung in %Ln Sekunde; Ihre Eingaben auf dieser Seite bleiben erhalten.</numerusform>
            <numerusform>Der Server ist nicht erreichbar (%1). Erneute Prüfung in %Ln Sekunden; Ihre Eingaben auf dieser Seite bleiben erhalten.</numerusform>
        </translation>
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
        <translation>
            <numerusform>Angemeldet als %1 bei %2: %Ln Mandant.</numerusform>
            <numerusform>Angemeldet als %1 bei %2: %Ln Mandanten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 …</translation>
    </message>
    <message>
        <source>Reading the saved session from the keychain…</source>
        <translation>Die gespeicherte Sitzung wird aus dem Schlüsselbund gelesen …</translation>
    </message>
    <message>
        <source>Starting the demo server: billing history, month %1 of %2…</source>
        <translation>Demo-Server startet: Abrechnungsverlauf, Monat %1 von %2 …</translation>
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
    <name>Tenantry::DashboardExporter</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>There are no figures to export yet.</source>
        <translation>Es gibt noch keine Kennzahlen zum Exportieren.</translation>
    </message>
    <message>
        <source>Tenantry finance dashboard</source>
        <translation>Tenantry-Finanz-Dashboard</translation>
    </message>
    <message>
        <source>%1 · %2 – %3 · %4 · %5</source>
        <translation>%1 · %2 – %3 · %4 · %5</translation>
    </message>
    <message>
        <source>The page cannot be drawn: the printer or file is not ready.</source>
        <translation>Die Seite kann nicht gezeichnet werden: Drucker oder Datei sind nicht bereit.</translation>
    </message>
    <message>
        <source>Tenantry finance dashboard: %1</source>
        <translation>Tenantry-Finanz-Dashboard: %1</translation>
    </message>
</context>
<context>
    <name>Tenantry::DashboardView</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren …</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Als PDF exportieren …</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Als PNG exportieren …</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>The smallest monthly churn rate LTV divides by</source>
        <translation>Die kleinste monatliche Abwanderungsrate, durch die der LTV geteilt wird</translation>
    </message>
    <message>
        <source>The share of revenue kept, for CAC payback</source>
        <translation>Der Anteil des Umsatzes, der bleibt, für die CAC-Amortisation</translation>
    </message>
    <message>
        <source>Churn floor</source>
        <translation>Abwanderungs-Untergrenze</translation>
    </message>
    <message>
        <source>Gross margin</source>
        <translation>Bruttomarge</translation>
    </message>
    <message>
        <source>The dashboard as a PNG image, with its filters and data age</source>
        <translation>Das Dashboard als PNG-Bild, mit Filtern und Datenstand</translation>
    </message>
    <message>
        <source>The KPI table of the months shown, as CSV</source>
        <translation>Die Kennzahlentabelle der angezeigten Monate als CSV</translation>
    </message>
    <message>
        <source>The dashboard as a PDF, with its filters and data age</source>
        <translation>Das Dashboard als PDF, mit Filtern und Datenstand</translation>
    </message>
    <message>
        <source>Cohort retention by first paid month</source>
        <translation>Kohortenbindung nach erstem bezahlten Monat</translation>
    </message>
    <message>
        <source>Net MRR retention</source>
        <translation>Netto-MRR-Bindung</translation>
    </message>
    <message>
        <source>Logo retention</source>
        <translation>Kundenbindung</translation>
    </message>
    <message>
        <source>MRR</source>
        <translation>MRR</translation>
    </message>
    <message>
        <source>ARR</source>
        <translation>ARR</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>ARPA</source>
        <translation>ARPA</translation>
    </message>
    <message>
        <source>Customer churn</source>
        <translation>Kundenabwanderung</translation>
    </message>
    <message>
        <source>Net revenue retention</source>
        <translation>Net Revenue Retention</translation>
    </message>
    <message>
        <source>Gross revenue retention</source>
        <translation>Gross Revenue Retention</translation>
    </message>
    <message>
        <source>Quick ratio</source>
        <translation>Quick Ratio</translation>
    </message>
    <message>
        <source>CAC</source>
        <translation>CAC</translation>
    </message>
    <message>
        <source>LTV</source>
        <translation>LTV</translation>
    </message>
    <message>
        <source>LTV:CAC</source>
        <translation>LTV:CAC</translation>
    </message>
    <message>
        <source>CAC payback</source>
        <translation>CAC-Amortisation</translation>
    </message>
    <message>
        <source>No metrics yet: the first sync is fetching them.</source>
        <translation>Noch keine Kennzahlen: Die erste Synchronisierung holt sie gerade.</translation>
    </message>
    <message>
        <source>No metrics yet. Sync to fetch MRR events and spend from the server.</source>
        <translation>Noch keine Kennzahlen. Synchronisieren Sie, um MRR-Ereignisse und Ausgaben vom Server zu holen.</translation>
    </message>
    <message>
        <source>No paying customers at the start of the month</source>
        <translation>Keine zahlenden Kunden zu Monatsbeginn</translation>
    </message>
    <message>
        <source>No paying customers at the end of the month</source>
        <translation>Keine zahlenden Kunden zum Monatsende</translation>
    </message>
    <message>
        <source>No MRR at the start of the month</source>
        <translation>Kein MRR zu Monatsbeginn</translation>
    </message>
    <message>
        <source>No acquisition spend recorded for this month</source>
        <translation>Für diesen Monat sind keine Akquisitionskosten erfasst</translation>
    </message>
    <message>
        <source>No new customers this month</source>
        <translation>Keine Neukunden in diesem Monat</translation>
    </message>
    <message>
        <source>No figure for %1</source>
        <translation>Kein Wert für %1</translation>
    </message>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 ggü. %2</translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation>%1 Pp.</translation>
    </message>
    <message>
        <source>No contraction or churn this month</source>
        <translation>Weder Verkleinerung noch Abwanderung in diesem Monat</translation>
    </message>
    <message>
        <source>No acquisition spend this month</source>
        <translation>Keine Akquisitionskosten in diesem Monat</translation>
    </message>
    <message>
        <source>At or above the %1 target</source>
        <translation>Ziel von %1 erreicht</translation>
    </message>
    <message>
        <source>Below the %1 target</source>
        <translation>Unter dem Ziel von %1</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>Ziel %1</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 Monate</translation>
    </message>
    <message>
        <source>MRR and ARR</source>
        <translation>MRR und ARR</translation>
    </message>
    <message>
        <source>MRR (%1)</source>
        <translation>MRR (%1)</translation>
    </message>
    <message>
        <source>ARR (%1)</source>
        <translation>ARR (%1)</translation>
    </message>
    <message>
        <source>%1
MRR: %2
ARR: %3</source>
        <translation>%1
MRR: %2
ARR: %3</translation>
    </message>
    <message>
        <source>MRR movements</source>
        <translation>MRR-Bewegungen</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Expansion</source>
        <translation>Erweiterung</translation>
    </message>
    <message>
        <source>Reactivation</source>
        <translation>Reaktivierung</translation>
    </message>
    <message>
        <source>Contraction</source>
        <translation>Verkleinerung</translation>
    </message>
    <message>
        <source>Churn</source>
        <translation>Abwanderung</translation>
    </message>
    <message>
        <source>Net new MRR</source>
        <translation>Netto-Neu-MRR</translation>
    </message>
    <message>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2: %3</translation>
    </message>
    <message>
        <source>%1 · Net new MRR: %2</source>
        <translation>%1 · Netto-Neu-MRR: %2</translation>
    </message>
    <message>
        <source>Export the KPI table</source>
        <translation>Kennzahlentabelle exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export the dashboard</source>
        <translation>Dashboard exportieren</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Customers and churn</source>
        <translation>Kunden und Abwanderung</translation>
    </message>
    <message>
        <source>Churn (%)</source>
        <translation>Abwanderung (%)</translation>
    </message>
    <message>
        <source>Revenue retention</source>
        <translation>Umsatzbindung</translation>
    </message>
    <message>
        <source>Retention (%)</source>
        <translation>Bindung (%)</translation>
    </message>
    <message>
        <source>NRR</source>
        <translation>NRR</translation>
    </message>
    <message>
        <source>GRR</source>
        <translation>GRR</translation>
    </message>
    <message>
        <source>LTV:CAC and CAC payback</source>
        <translation>LTV:CAC und CAC-Amortisation</translation>
    </message>
    <message>
        <source>Payback (months)</source>
        <translation>Amortisation (Monate)</translation>
    </message>
    <message>
        <source>The last sync failed: %1</source>
        <translation>Die letzte Synchronisierung ist fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Syncing… %Ln page(s), %1 rows</source>
        <translation>
            <numerusform>Synchronisiere … %Ln Seite, %1 Zeilen</numerusform>
            <numerusform>Synchronisiere … %Ln Seiten, %1 Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Noch nie synchronisiert</translation>
    </message>
    <message>
        <source>Reading the local cache…</source>
        <translation>Lokaler Zwischenspeicher wird gelesen …</translation>
    </message>
    <message>
        <source>Data from just now</source>
        <translation>Daten von gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>Data from %Ln minute(s) ago</source>
        <translation>
            <numerusform>Daten von vor %Ln Minute</numerusform>
            <numerusform>Daten von vor %Ln Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Data from %Ln hour(s) ago</source>
        <translation>
            <numerusform>Daten von vor %Ln Stunde</numerusform>
            <numerusform>Daten von vor %Ln Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Data from %Ln day(s) ago</source>
        <translation>
            <numerusform>Daten von vor %Ln Tag</numerusform>
            <numerusform>Daten von vor %Ln Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Q%1 %2</source>
        <translation>Q%1 %2</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>Quarters</source>
        <translation>Quartale</translation>
    </message>
    <message>
        <source>Figures per calendar month or per quarter</source>
        <translation>Kennzahlen je Kalendermonat oder je Quartal</translation>
    </message>
    <message>
        <source>Only the revenue of one plan: a move to another plan leaves it. Acquisition spend is not recorded per plan.</source>
        <translation>Nur der Umsatz eines Tarifs: ein Wechsel in einen anderen Tarif verlässt ihn. Akquisitionskosten werden nicht je Tarif erfasst.</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Print the dashboard as the PDF export draws it</source>
        <translation>Das Dashboard so drucken, wie der PDF-Export es zeichnet</translation>
    </message>
    <message>
        <source>No MRR events of the plan %1 in this currency.</source>
        <translation>Keine MRR-Ereignisse des Tarifs %1 in dieser Währung.</translation>
    </message>
    <message>
        <source>All plans</source>
        <translation>Alle Tarife</translation>
    </message>
    <message>
        <source>No paying customers at the start of the quarter</source>
        <translation>Keine zahlenden Kunden zu Beginn des Quartals</translation>
    </message>
    <message>
        <source>No paying customers at the end of the quarter</source>
        <translation>Keine zahlenden Kunden am Ende des Quartals</translation>
    </message>
    <message>
        <source>No MRR at the start of the quarter</source>
        <translation>Kein MRR zu Beginn des Quartals</translation>
    </message>
    <message>
        <source>Acquisition spend is not recorded per plan</source>
        <translation>Akquisitionskosten werden nicht je Tarif erfasst</translation>
    </message>
    <message>
        <source>No acquisition spend recorded for this quarter</source>
        <translation>Keine Akquisitionskosten für dieses Quartal erfasst</translation>
    </message>
    <message>
        <source>No new customers this quarter</source>
        <translation>Keine Neukunden in diesem Quartal</translation>
    </message>
    <message>
        <source>No contraction or churn this quarter</source>
        <translation>Keine Kontraktion und keine Abwanderung in diesem Quartal</translation>
    </message>
    <message>
        <source>No acquisition spend this quarter</source>
        <translation>Keine Akquisitionskosten in diesem Quartal</translation>
    </message>
    <message>
        <source>Export the chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Export chart as PNG…</source>
        <translation>Diagramm als PNG exportieren…</translation>
    </message>
    <message>
        <source>Export chart as PDF…</source>
        <translation>Diagramm als PDF exportieren…</translation>
    </message>
    <message>
        <source>Print chart…</source>
        <translation>Diagramm drucken…</translation>
    </message>
    <message>
        <source>Print the dashboard</source>
        <translation>Dashboard drucken</translation>
    </message>
    <message>
        <source>The printer did not accept the page.</source>
        <translation>Der Drucker hat die Seite nicht angenommen.</translation>
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
        <source>The demo server stopped unexpectedly; see %1.</source>
        <translation>Der Demo-Server wurde unerwartet beendet; siehe %1.</translation>
    </message>
    <message>
        <source>The demo server exited with code %1; see %2.</source>
        <translation>Der Demo-Server wurde mit Code %1 beendet; siehe %2.</translation>
    </message>
    <message>
        <source>The demo server did not start within three minutes; see %1.</source>
        <translation>Der Demo-Server ist nicht innerhalb von drei Minuten gestartet; siehe %1.</translation>
    </message>
</context>
<context>
    <name>Tenantry::DisplayFormat</name>
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
        <source>Incomplete</source>
        <translation>Unvollständig</translation>
    </message>
    <message>
        <source>Incomplete, expired</source>
        <translation>Unvollständig, abgelaufen</translation>
    </message>
    <message>
        <source>Trialing</source>
        <translation>In Testphase</translation>
    </message>
    <message>
        <source>Past due</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Gekündigt</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>Unbezahlt</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Uncollectible</source>
        <translation>Uneinbringlich</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Ausnahme</translation>
    </message>
    <message>
        <source>Tenant status</source>
        <translation>Mandantenstatus</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Pool (shared)</source>
        <translation>Pool (gemeinsam)</translation>
    </message>
    <message>
        <source>Silo (dedicated)</source>
        <translation>Silo (dediziert)</translation>
    </message>
    <message>
        <source>Hybrid</source>
        <translation>Hybrid</translation>
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
    <name>Tenantry::EntitlementModel</name>
    <message>
        <source>Feature</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>Grund der Ausnahme</translation>
    </message>
    <message>
        <source>Override expires</source>
        <translation>Ausnahme endet</translation>
    </message>
    <message>
        <source>The plan alone would grant this feature.</source>
        <translation>Allein über den Tarif wäre diese Funktion freigeschaltet.</translation>
    </message>
    <message>
        <source>The plan alone would not grant this feature.</source>
        <translation>Allein über den Tarif wäre diese Funktion nicht freigeschaltet.</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
</context>
<context>
    <name>Tenantry::ErrorText</name>
    <message>
        <source>The server said: %1</source>
        <translation>Meldung des Servers: %1</translation>
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
    <name>Tenantry::InvoiceModel</name>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Fälliger Betrag</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>Bezahlter Betrag</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>Tenantry::MainWindow</name>
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
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Abmelden …</translation>
    </message>
    <message>
        <source>You have signed out.</source>
        <translation>Sie haben sich abgemeldet.</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>Go to Billing</source>
        <translation>Zur Abrechnung</translation>
    </message>
</context>
<context>
    <name>Tenantry::MetricsCache</name>
    <message>
        <source>The local metrics cache %1 cannot be used (%2): %3</source>
        <translation>Der lokale Kennzahlen-Zwischenspeicher %1 ist nicht nutzbar (%2): %3</translation>
    </message>
    <message>
        <source>open</source>
        <translation>öffnen</translation>
    </message>
    <message>
        <source>create folder</source>
        <translation>Ordner anlegen</translation>
    </message>
    <message>
        <source>read</source>
        <translation>lesen</translation>
    </message>
    <message>
        <source>schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>version %1, expected %2</source>
        <translation>Version %1, erwartet %2</translation>
    </message>
    <message>
        <source>check</source>
        <translation>prüfen</translation>
    </message>
    <message>
        <source>create</source>
        <translation>anlegen</translation>
    </message>
    <message>
        <source>write</source>
        <translation>schreiben</translation>
    </message>
    <message>
        <source>unknown currency %1</source>
        <translation>unbekannte Währung %1</translation>
    </message>
    <message>
        <source>a damaged spend record</source>
        <translation>ein beschädigter Ausgabeneintrag</translation>
    </message>
    <message>
        <source>The local metrics cache %1 cannot be written.</source>
        <translation>Der lokale Kennzahlen-Zwischenspeicher %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>migrate</source>
        <translation>migrieren</translation>
    </message>
</context>
<context>
    <name>Tenantry::MetricsReport</name>
    <message>
        <source>The cached MRR events cannot be used: %1</source>
        <translation>Die zwischengespeicherten MRR-Ereignisse sind nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The metrics cannot be computed: %1</source>
        <translation>Die Kennzahlen können nicht berechnet werden: %1</translation>
    </message>
</context>
<context>
    <name>Tenantry::NoteModel</name>
    <message>
        <source>Written</source>
        <translation>Verfasst</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Verfasser</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
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
    <name>Tenantry::PlanDialog</name>
    <message>
        <source>Active: new subscriptions can choose this plan</source>
        <translation>Aktiv: neue Abonnements können diesen Tarif wählen</translation>
    </message>
    <message>
        <source>Edit plan %1</source>
        <translation>Tarif %1 bearbeiten</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>Neuer Tarif</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Jährlich</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Price:</source>
        <translation>&amp;Preis:</translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation>&amp;Intervall:</translation>
    </message>
    <message>
        <source>&amp;Trial:</source>
        <translation>&amp;Testphase:</translation>
    </message>
    <message>
        <source>&amp;Features:</source>
        <translation>&amp;Funktionen:</translation>
    </message>
    <message>
        <source>A plan&apos;s key, price and interval cannot change: create another plan instead.</source>
        <translation>Schlüssel, Preis und Intervall eines Tarifs lassen sich nicht ändern: Legen Sie stattdessen einen weiteren Tarif an.</translation>
    </message>
    <message>
        <source>Give the plan a name.</source>
        <translation>Geben Sie dem Tarif einen Namen.</translation>
    </message>
    <message>
        <source>Give the plan a key: lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, such as “growth-monthly”. The key never changes.</source>
        <translation>Geben Sie dem Tarif einen Schlüssel: Kleinbuchstaben, Ziffern, &apos;-&apos; und &apos;_&apos;, etwa „growth-monthly“. Der Schlüssel ändert sich nie.</translation>
    </message>
    <message>
        <source>Enter the price in %1 as a number, such as %2.</source>
        <translation>Geben Sie den Preis in %1 als Zahl ein, etwa %2.</translation>
    </message>
    <message>
        <source>Someone changed this plan while you were editing it. The form now shows the plan as it is; make your changes again and save.</source>
        <translation>Jemand hat diesen Tarif geändert, während Sie ihn bearbeitet haben. Das Formular zeigt jetzt den aktuellen Stand; nehmen Sie Ihre Änderungen erneut vor und speichern Sie.</translation>
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
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
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
        <translation>
            <numerusform>%Ln Tarif</numerusform>
            <numerusform>%Ln Tarife</numerusform>
        </translation>
    </message>
    <message>
        <source>New plan…</source>
        <translation>Neuer Tarif …</translation>
    </message>
    <message>
        <source>Edit plan…</source>
        <translation>Tarif bearbeiten …</translation>
    </message>
    <message>
        <source>Edit the selected plan</source>
        <translation>Den ausgewählten Tarif bearbeiten</translation>
    </message>
    <message>
        <source>Select a plan to edit it</source>
        <translation>Wählen Sie einen Tarif aus, um ihn zu bearbeiten</translation>
    </message>
    <message>
        <source>Create a plan</source>
        <translation>Einen Tarif anlegen</translation>
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
    <name>Tenantry::SectionWidget</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Show older</source>
        <translation>Ältere anzeigen</translation>
    </message>
    <message>
        <source>Loading older…</source>
        <translation>Ältere werden geladen …</translation>
    </message>
</context>
<context>
    <name>Tenantry::SessionKeeper</name>
    <message>
        <source>The saved session for “%1” could not be read. %2</source>
        <translation>Die gespeicherte Sitzung für „%1“ konnte nicht gelesen werden. %2</translation>
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
        <source>Enter the server&apos;s address, such as https://tenantry.example.com.</source>
        <translation>Geben Sie die Adresse des Servers ein, etwa https://tenantry.example.com.</translation>
    </message>
    <message>
        <source>Enter your email and password.</source>
        <translation>Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.</translation>
    </message>
</context>
<context>
    <name>Tenantry::SubscriptionTableModel</name>
    <message>
        <source>A subscription in this status brings in no MRR now.</source>
        <translation>Ein Abonnement mit diesem Status bringt derzeit keinen MRR ein.</translation>
    </message>
    <message>
        <source>%1, cancels at period end</source>
        <translation>%1, gekündigt zum Zeitraumende</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>MRR</source>
        <translation>MRR</translation>
    </message>
    <message>
        <source>Period ends</source>
        <translation>Zeitraumende</translation>
    </message>
    <message>
        <source>Trial ends</source>
        <translation>Testphase endet</translation>
    </message>
</context>
<context>
    <name>Tenantry::SubscriptionsView</name>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Any plan</source>
        <translation>Jeder Tarif</translation>
    </message>
    <message>
        <source>Period ends before</source>
        <translation>Zeitraumende vor</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Tarif:</translation>
    </message>
    <message>
        <source>Press Enter or double-click to open the tenant.</source>
        <translation>Drücken Sie die Eingabetaste oder doppelklicken Sie, um den Mandanten zu öffnen.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>monatlich</translation>
    </message>
    <message>
        <source>yearly</source>
        <translation>jährlich</translation>
    </message>
    <message>
        <source>The subscriptions could not be loaded.</source>
        <translation>Die Abonnements konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s) shown; loading more…</source>
        <translation>
            <numerusform>%n Abonnement angezeigt; weitere werden geladen …</numerusform>
            <numerusform>%n Abonnements angezeigt; weitere werden geladen …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s) shown; scroll down for more.</source>
        <translation>
            <numerusform>%n Abonnement angezeigt; weitere beim Blättern nach unten.</numerusform>
            <numerusform>%n Abonnements angezeigt; weitere beim Blättern nach unten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s): all shown.</source>
        <translation>
            <numerusform>%n Abonnement: vollständig angezeigt.</numerusform>
            <numerusform>%n Abonnements: alle angezeigt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::TenantConflictDialog</name>
    <message>
        <source>The tenant was changed meanwhile</source>
        <translation>Der Mandant wurde zwischenzeitlich geändert</translation>
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
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Contact email</source>
        <translation>Kontakt-E-Mail</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Someone changed this tenant on the server after you opened it. Compare your changes with the server&apos;s version, then reapply yours on top of it or keep the server&apos;s.</source>
        <translation>Jemand hat diesen Mandanten auf dem Server geändert, nachdem Sie ihn geöffnet haben. Vergleichen Sie Ihre Änderungen mit der Fassung des Servers; wenden Sie Ihre Änderungen dann erneut darauf an oder behalten Sie die Fassung des Servers.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Ihre Fassung</translation>
    </message>
    <message>
        <source>Server&apos;s</source>
        <translation>Fassung des Servers</translation>
    </message>
    <message>
        <source> (changed on the server)</source>
        <translation> (auf dem Server geändert)</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(unverändert)</translation>
    </message>
    <message>
        <source>Reapply my changes</source>
        <translation>Meine Änderungen erneut anwenden</translation>
    </message>
    <message>
        <source>Keep the server&apos;s version</source>
        <translation>Fassung des Servers behalten</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Platzierung</translation>
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
        <source>No tenant selected</source>
        <translation>Kein Mandant ausgewählt</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>Sperren …</translation>
    </message>
    <message>
        <source>Reactivate…</source>
        <translation>Reaktivieren …</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>Notiz hinzufügen …</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>Set override…</source>
        <translation>Ausnahme festlegen …</translation>
    </message>
    <message>
        <source>Clear override…</source>
        <translation>Ausnahme aufheben …</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Benutzer hinzufügen …</translation>
    </message>
    <message>
        <source>Remove user…</source>
        <translation>Benutzer entfernen …</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Slug:</source>
        <translation>Kurzname:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Tarif:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Kontakt:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Geändert:</translation>
    </message>
    <message>
        <source>This tenant has no live subscription.</source>
        <translation>Dieser Mandant hat kein laufendes Abonnement.</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Menge:</translation>
    </message>
    <message>
        <source>MRR:</source>
        <translation>MRR:</translation>
    </message>
    <message>
        <source>Current period:</source>
        <translation>Aktueller Zeitraum:</translation>
    </message>
    <message>
        <source>Trial ends:</source>
        <translation>Testphase endet:</translation>
    </message>
    <message>
        <source>Change plan…</source>
        <translation>Tarif ändern …</translation>
    </message>
    <message>
        <source>Extend trial…</source>
        <translation>Testphase verlängern …</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>Kündigen …</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Fortsetzen …</translation>
    </message>
    <message>
        <source>Subscribe…</source>
        <translation>Abonnieren …</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>The tenant could not be loaded.</source>
        <translation>Der Mandant konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>The subscription could not be loaded.</source>
        <translation>Das Abonnement konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>The features could not be loaded.</source>
        <translation>Die Funktionen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>The feature overrides could not be loaded.</source>
        <translation>Die Funktionsausnahmen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>The tenant&apos;s users could not be loaded.</source>
        <translation>Die Benutzer des Mandanten konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>The notes could not be loaded.</source>
        <translation>Die Notizen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>The invoices could not be loaded.</source>
        <translation>Die Rechnungen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>The history is not available to you.</source>
        <translation>Der Verlauf steht Ihnen nicht zur Verfügung.</translation>
    </message>
    <message>
        <source>The history could not be loaded.</source>
        <translation>Der Verlauf konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>No plan</source>
        <translation>Kein Tarif</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>Keine Angabe</translation>
    </message>
    <message>
        <source>The last one (%1) ended on %2.</source>
        <translation>Das letzte (%1) endete am %2.</translation>
    </message>
    <message>
        <source>%1 (%2 per unit a %3)</source>
        <translation>%1 (%2 pro Einheit und %3)</translation>
    </message>
    <message>
        <source>month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Unknown plan</source>
        <translation>Unbekannter Tarif</translation>
    </message>
    <message>
        <source>%1 a month</source>
        <translation>%1 pro Monat</translation>
    </message>
    <message>
        <source>None during the trial; %1 a month after it</source>
        <translation>Keiner während der Testphase; danach %1 pro Monat</translation>
    </message>
    <message>
        <source>None while %1 (%2 a month when active)</source>
        <translation>Keiner, solange %1 (%2 pro Monat, sobald aktiv)</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>No trial</source>
        <translation>Keine Testphase</translation>
    </message>
    <message>
        <source>Set to cancel: the subscription ends on %1.</source>
        <translation>Zur Kündigung vorgemerkt: Das Abonnement endet am %1.</translation>
    </message>
    <message>
        <source>Checking your permissions…</source>
        <translation>Ihre Berechtigungen werden geprüft …</translation>
    </message>
    <message>
        <source>Your role (%1) does not have the permission %2.</source>
        <translation>Ihre Rolle (%1) hat die Berechtigung %2 nicht.</translation>
    </message>
    <message>
        <source>The tenant is not loaded yet.</source>
        <translation>Der Mandant ist noch nicht geladen.</translation>
    </message>
    <message>
        <source>The tenant is deleted: it can no longer change.</source>
        <translation>Der Mandant ist gelöscht: Er kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>Only an active tenant can be suspended.</source>
        <translation>Nur ein aktiver Mandant kann gesperrt werden.</translation>
    </message>
    <message>
        <source>Switch off every feature of the tenant until it is reactivated.</source>
        <translation>Alle Funktionen des Mandanten abschalten, bis er reaktiviert wird.</translation>
    </message>
    <message>
        <source>Only a suspended tenant can be reactivated.</source>
        <translation>Nur ein gesperrter Mandant kann reaktiviert werden.</translation>
    </message>
    <message>
        <source>Give the tenant its features back.</source>
        <translation>Dem Mandanten seine Funktionen zurückgeben.</translation>
    </message>
    <message>
        <source>Leave an internal note for other staff.</source>
        <translation>Eine interne Notiz für andere Mitarbeiter hinterlassen.</translation>
    </message>
    <message>
        <source>The tenant has no live subscription.</source>
        <translation>Der Mandant hat kein laufendes Abonnement.</translation>
    </message>
    <message>
        <source>The subscription is not loaded yet.</source>
        <translation>Das Abonnement ist noch nicht geladen.</translation>
    </message>
    <message>
        <source>The plans are not loaded yet.</source>
        <translation>Die Tarife sind noch nicht geladen.</translation>
    </message>
    <message>
        <source>Move the subscription to another plan or change its quantity.</source>
        <translation>Das Abonnement auf einen anderen Tarif umstellen oder seine Menge ändern.</translation>
    </message>
    <message>
        <source>Only a subscription in its trial can be extended.</source>
        <translation>Nur ein Abonnement in der Testphase kann verlängert werden.</translation>
    </message>
    <message>
        <source>Move the end of the trial later.</source>
        <translation>Das Ende der Testphase nach hinten verschieben.</translation>
    </message>
    <message>
        <source>Cancel at the end of the period, or now.</source>
        <translation>Zum Ende des Zeitraums oder sofort kündigen.</translation>
    </message>
    <message>
        <source>Only a subscription set to cancel, or a paused one, can be resumed.</source>
        <translation>Nur ein zur Kündigung vorgemerktes oder ein pausiertes Abonnement kann fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Call off the scheduled cancellation, or resume the paused subscription.</source>
        <translation>Die vorgemerkte Kündigung zurücknehmen oder das pausierte Abonnement fortsetzen.</translation>
    </message>
    <message>
        <source>The tenant already has a live subscription; change its plan instead.</source>
        <translation>Der Mandant hat bereits ein laufendes Abonnement; ändern Sie stattdessen dessen Tarif.</translation>
    </message>
    <message>
        <source>Only an active tenant can subscribe.</source>
        <translation>Nur ein aktiver Mandant kann ein Abonnement abschließen.</translation>
    </message>
    <message>
        <source>The tenant, its subscription or the plans are not loaded yet.</source>
        <translation>Der Mandant, sein Abonnement oder die Tarife sind noch nicht geladen.</translation>
    </message>
    <message>
        <source>Subscribe the tenant to a plan.</source>
        <translation>Für den Mandanten einen Tarif abonnieren.</translation>
    </message>
    <message>
        <source>Switch a feature on or off for this tenant, whatever its plan says.</source>
        <translation>Eine Funktion für diesen Mandanten ein- oder ausschalten, unabhängig von seinem Tarif.</translation>
    </message>
    <message>
        <source>Select a feature that has an override to clear it.</source>
        <translation>Wählen Sie eine Funktion mit Ausnahme aus, um die Ausnahme aufzuheben.</translation>
    </message>
    <message>
        <source>Let the plan decide this feature again.</source>
        <translation>Diese Funktion wieder vom Tarif bestimmen lassen.</translation>
    </message>
    <message>
        <source>Add one of the customer&apos;s people to the tenant.</source>
        <translation>Eine Person des Kunden zum Mandanten hinzufügen.</translation>
    </message>
    <message>
        <source>Select a user to remove.</source>
        <translation>Wählen Sie den Benutzer aus, der entfernt werden soll.</translation>
    </message>
    <message>
        <source>Remove the selected user from the tenant.</source>
        <translation>Den ausgewählten Benutzer aus dem Mandanten entfernen.</translation>
    </message>
    <message>
        <source>This changed meanwhile: close the dialog and start again from the current values.</source>
        <translation>Dies wurde zwischenzeitlich geändert: Schließen Sie den Dialog und beginnen Sie mit den aktuellen Werten neu.</translation>
    </message>
    <message>
        <source>Change plan</source>
        <translation>Tarif ändern</translation>
    </message>
    <message>
        <source>%1 – %2 a %3</source>
        <translation>%1 – %2 pro %3</translation>
    </message>
    <message>
        <source>Only plans priced in %1 are offered: the currency of a subscription cannot change.</source>
        <translation>Angeboten werden nur Tarife in %1: Die Währung eines Abonnements kann sich nicht ändern.</translation>
    </message>
    <message>
        <source>Choose another plan or quantity.</source>
        <translation>Wählen Sie einen anderen Tarif oder eine andere Menge.</translation>
    </message>
    <message>
        <source>Nothing changes: MRR stays %1 a month.</source>
        <translation>Nichts ändert sich: Der MRR bleibt bei %1 pro Monat.</translation>
    </message>
    <message>
        <source>MRR changes from %1 to %2 a month.</source>
        <translation>Der MRR ändert sich von %1 auf %2 pro Monat.</translation>
    </message>
    <message>
        <source>No MRR during the trial; after it, MRR will be %1 a month instead of %2.</source>
        <translation>Kein MRR während der Testphase; danach beträgt der MRR %1 statt %2 pro Monat.</translation>
    </message>
    <message>
        <source>The plan changes; MRR stays zero while the subscription is %1 (%2 a month once active).</source>
        <translation>Der Tarif ändert sich; der MRR bleibt null, solange das Abonnement %1 ist (%2 pro Monat, sobald es aktiv ist).</translation>
    </message>
    <message>
        <source>The plan could not be changed.</source>
        <translation>Der Tarif konnte nicht geändert werden.</translation>
    </message>
    <message>
        <source>Changing the plan…</source>
        <translation>Tarif wird geändert …</translation>
    </message>
    <message>
        <source>Extend trial</source>
        <translation>Testphase verlängern</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Extend by:</source>
        <translation>Verlängern um:</translation>
    </message>
    <message>
        <source>The trial ends on %1 instead of %2; billing starts then.</source>
        <translation>Die Testphase endet am %1 statt am %2; dann beginnt die Abrechnung.</translation>
    </message>
    <message>
        <source>The trial could not be extended.</source>
        <translation>Die Testphase konnte nicht verlängert werden.</translation>
    </message>
    <message>
        <source>Extending the trial…</source>
        <translation>Testphase wird verlängert …</translation>
    </message>
    <message>
        <source>Cancel subscription</source>
        <translation>Abonnement kündigen</translation>
    </message>
    <message>
        <source>At the end of the current period</source>
        <translation>Zum Ende des aktuellen Zeitraums</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Sofort</translation>
    </message>
    <message>
        <source>Cancel:</source>
        <translation>Kündigen:</translation>
    </message>
    <message>
        <source>MRR drops from %1 a month to nothing.</source>
        <translation>Der MRR sinkt von %1 pro Monat auf null.</translation>
    </message>
    <message>
        <source>The customer keeps access until %1; then the subscription ends. A resume before then calls it off.</source>
        <translation>Der Kunde behält den Zugang bis zum %1; dann endet das Abonnement. Wird es vorher fortgesetzt, entfällt die Kündigung.</translation>
    </message>
    <message>
        <source>The subscription ends now: the tenant loses its plan and the plan&apos;s features at once. This cannot be undone.</source>
        <translation>Das Abonnement endet sofort: Der Mandant verliert umgehend seinen Tarif und dessen Funktionen. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>The subscription could not be canceled.</source>
        <translation>Das Abonnement konnte nicht gekündigt werden.</translation>
    </message>
    <message>
        <source>Canceling the subscription…</source>
        <translation>Abonnement wird gekündigt …</translation>
    </message>
    <message>
        <source>Resume subscription</source>
        <translation>Abonnement fortsetzen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>The scheduled cancellation is called off: the subscription renews on %1.</source>
        <translation>Die vorgemerkte Kündigung wird zurückgenommen: Das Abonnement verlängert sich am %1.</translation>
    </message>
    <message>
        <source>The subscription becomes active for a new period from now%1.</source>
        <translation>Das Abonnement wird ab sofort für einen neuen Zeitraum aktiv%1.</translation>
    </message>
    <message>
        <source> and brings in %1 a month</source>
        <translation> und bringt %1 pro Monat ein</translation>
    </message>
    <message>
        <source>The subscription could not be resumed.</source>
        <translation>Das Abonnement konnte nicht fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Resuming the subscription…</source>
        <translation>Abonnement wird fortgesetzt …</translation>
    </message>
    <message>
        <source>Subscribe to a plan</source>
        <translation>Tarif abonnieren</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>Abonnieren</translation>
    </message>
    <message>
        <source>Trial:</source>
        <translation>Testphase:</translation>
    </message>
    <message>
        <source>Choose a plan.</source>
        <translation>Wählen Sie einen Tarif.</translation>
    </message>
    <message>
        <source>A trial until %1: no MRR until then, %2 a month once it converts.</source>
        <translation>Testphase bis %1: bis dahin kein MRR, nach der Umwandlung %2 pro Monat.</translation>
    </message>
    <message>
        <source>Active from now: MRR becomes %1 a month.</source>
        <translation>Ab sofort aktiv: Der MRR beträgt %1 pro Monat.</translation>
    </message>
    <message>
        <source>The subscription could not be created.</source>
        <translation>Das Abonnement konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Creating the subscription…</source>
        <translation>Abonnement wird angelegt …</translation>
    </message>
    <message>
        <source>Set feature override</source>
        <translation>Funktionsausnahme festlegen</translation>
    </message>
    <message>
        <source>Set override</source>
        <translation>Ausnahme festlegen</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Why, for the next person who looks (required)</source>
        <translation>Begründung für alle, die später nachsehen (Pflichtfeld)</translation>
    </message>
    <message>
        <source>Lapses on</source>
        <translation>Endet am</translation>
    </message>
    <message>
        <source>Feature:</source>
        <translation>Funktion:</translation>
    </message>
    <message>
        <source>Feature is:</source>
        <translation>Funktion ist:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Ablauf:</translation>
    </message>
    <message>
        <source>Give a reason: it is kept with the override.</source>
        <translation>Geben Sie einen Grund an: Er wird mit der Ausnahme gespeichert.</translation>
    </message>
    <message>
        <source>%1 will be ON for %2, whatever its plan says</source>
        <translation>%1 wird für %2 EINGESCHALTET, unabhängig vom Tarif</translation>
    </message>
    <message>
        <source>%1 will be OFF for %2, whatever its plan says</source>
        <translation>%1 wird für %2 AUSGESCHALTET, unabhängig vom Tarif</translation>
    </message>
    <message>
        <source>, until %1.</source>
        <translation>, bis %1.</translation>
    </message>
    <message>
        <source>, until the override is cleared.</source>
        <translation>, bis die Ausnahme aufgehoben wird.</translation>
    </message>
    <message>
        <source>Today it is on (%1).</source>
        <translation>Derzeit ist die Funktion eingeschaltet (%1).</translation>
    </message>
    <message>
        <source>Today it is off (%1).</source>
        <translation>Derzeit ist die Funktion ausgeschaltet (%1).</translation>
    </message>
    <message>
        <source>While the tenant is not active, every feature stays off.</source>
        <translation>Solange der Mandant nicht aktiv ist, bleiben alle Funktionen ausgeschaltet.</translation>
    </message>
    <message>
        <source>The override could not be set.</source>
        <translation>Die Ausnahme konnte nicht festgelegt werden.</translation>
    </message>
    <message>
        <source>Setting the override…</source>
        <translation>Ausnahme wird festgelegt …</translation>
    </message>
    <message>
        <source>Clear feature override</source>
        <translation>Funktionsausnahme aufheben</translation>
    </message>
    <message>
        <source>Clear override</source>
        <translation>Ausnahme aufheben</translation>
    </message>
    <message>
        <source>%1 goes back to what the plan says</source>
        <translation>%1 richtet sich wieder nach dem Tarif</translation>
    </message>
    <message>
        <source>: off while the tenant is not active.</source>
        <translation>: ausgeschaltet, solange der Mandant nicht aktiv ist.</translation>
    </message>
    <message>
        <source>: on.</source>
        <translation>: eingeschaltet.</translation>
    </message>
    <message>
        <source>: off.</source>
        <translation>: ausgeschaltet.</translation>
    </message>
    <message>
        <source>The override&apos;s reason was: “%1”.</source>
        <translation>Die Ausnahme war so begründet: „%1“.</translation>
    </message>
    <message>
        <source>The override could not be cleared.</source>
        <translation>Die Ausnahme konnte nicht aufgehoben werden.</translation>
    </message>
    <message>
        <source>Clearing the override…</source>
        <translation>Ausnahme wird aufgehoben …</translation>
    </message>
    <message>
        <source>Add tenant user</source>
        <translation>Mandantenbenutzer hinzufügen</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>Give the user&apos;s email address and name.</source>
        <translation>Geben Sie E-Mail-Adresse und Namen des Benutzers an.</translation>
    </message>
    <message>
        <source>%1 becomes a user of %2 with the role %3.</source>
        <translation>%1 wird Benutzer von %2 mit der Rolle %3.</translation>
    </message>
    <message>
        <source>The user could not be added.</source>
        <translation>Der Benutzer konnte nicht hinzugefügt werden.</translation>
    </message>
    <message>
        <source>Adding the user…</source>
        <translation>Benutzer wird hinzugefügt …</translation>
    </message>
    <message>
        <source>Remove tenant user</source>
        <translation>Mandantenbenutzer entfernen</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Benutzer entfernen</translation>
    </message>
    <message>
        <source>%1 (%2) can no longer use %3. This cannot be undone; the user can be added again later.</source>
        <translation>%1 (%2) kann %3 nicht mehr nutzen. Dies kann nicht rückgängig gemacht werden; der Benutzer kann später erneut hinzugefügt werden.</translation>
    </message>
    <message>
        <source>The user could not be removed.</source>
        <translation>Der Benutzer konnte nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Removing the user…</source>
        <translation>Benutzer wird entfernt …</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Every staff member can read the note; it cannot be edited or removed later.</source>
        <translation>Alle Mitarbeiter können die Notiz lesen; sie kann später weder bearbeitet noch entfernt werden.</translation>
    </message>
    <message>
        <source>Write the note.</source>
        <translation>Schreiben Sie die Notiz.</translation>
    </message>
    <message>
        <source>The note could not be added.</source>
        <translation>Die Notiz konnte nicht hinzugefügt werden.</translation>
    </message>
    <message>
        <source>Adding the note…</source>
        <translation>Notiz wird hinzugefügt …</translation>
    </message>
    <message>
        <source>Edit tenant</source>
        <translation>Mandant bearbeiten</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Contact email:</source>
        <translation>Kontakt-E-Mail:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <source>Nothing has changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The tenant&apos;s address changes from %1 to %2; links with the old slug stop working. </source>
        <translation>Die Adresse des Mandanten ändert sich von %1 zu %2; Links mit dem alten Kurznamen funktionieren dann nicht mehr. </translation>
    </message>
    <message>
        <source>Saving the tenant…</source>
        <translation>Mandant wird gespeichert …</translation>
    </message>
    <message>
        <source>The tenant could not be saved.</source>
        <translation>Der Mandant konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The tenant was changed by someone else meanwhile.</source>
        <translation>Der Mandant wurde zwischenzeitlich von jemand anderem geändert.</translation>
    </message>
    <message>
        <source>Suspend tenant</source>
        <translation>Mandant sperren</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Kept in the audit log</source>
        <translation>Wird im Prüfprotokoll festgehalten</translation>
    </message>
    <message>
        <source>%1 loses every feature at once, whatever its plan and overrides say, until it is reactivated. Billing is not changed.</source>
        <translation>%1 verliert sofort alle Funktionen, unabhängig von Tarif und Ausnahmen, bis der Mandant reaktiviert wird. Die Abrechnung bleibt unverändert.</translation>
    </message>
    <message>
        <source>The tenant could not be suspended.</source>
        <translation>Der Mandant konnte nicht gesperrt werden.</translation>
    </message>
    <message>
        <source>Suspending the tenant…</source>
        <translation>Mandant wird gesperrt …</translation>
    </message>
    <message>
        <source>Reactivate tenant</source>
        <translation>Mandant reaktivieren</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reaktivieren</translation>
    </message>
    <message>
        <source>%1 gets the features of its plan and overrides back at once.</source>
        <translation>%1 erhält sofort die Funktionen aus Tarif und Ausnahmen zurück.</translation>
    </message>
    <message>
        <source>The tenant could not be reactivated.</source>
        <translation>Der Mandant konnte nicht reaktiviert werden.</translation>
    </message>
    <message>
        <source>Reactivating the tenant…</source>
        <translation>Mandant wird reaktiviert …</translation>
    </message>
    <message>
        <source>Move to silo…</source>
        <translation>In ein Silo verschieben …</translation>
    </message>
    <message>
        <source>Resume move…</source>
        <translation>Verschiebung fortsetzen …</translation>
    </message>
    <message>
        <source>Roll back move…</source>
        <translation>Verschiebung zurücknehmen …</translation>
    </message>
    <message>
        <source>Placement:</source>
        <translation>Platzierung:</translation>
    </message>
    <message>
        <source>Writes to the tenant are paused while it moves.</source>
        <translation>Schreibzugriffe auf den Mandanten ruhen, solange er verschoben wird.</translation>
    </message>
    <message>
        <source>Writes to the tenant stay paused until its failed move is resumed or rolled back.</source>
        <translation>Schreibzugriffe auf den Mandanten ruhen, bis seine fehlgeschlagene Verschiebung fortgesetzt oder zurückgenommen ist.</translation>
    </message>
    <message>
        <source>Change the tenant&apos;s name, slug, region or contact.</source>
        <translation>Name, Kurzname, Region oder Kontakt des Mandanten ändern.</translation>
    </message>
    <message>
        <source>Move to pool…</source>
        <translation>In den Pool verschieben …</translation>
    </message>
    <message>
        <source>Move the tenant&apos;s data back into the shared tables, online.</source>
        <translation>Die Daten des Mandanten im laufenden Betrieb zurück in die gemeinsamen Tabellen verschieben.</translation>
    </message>
    <message>
        <source>Move the tenant&apos;s data into a PostgreSQL schema of its own, online.</source>
        <translation>Die Daten des Mandanten im laufenden Betrieb in ein eigenes PostgreSQL-Schema verschieben.</translation>
    </message>
    <message>
        <source>Moving to silo…</source>
        <translation>Wird in ein Silo verschoben …</translation>
    </message>
    <message>
        <source>Moving to pool…</source>
        <translation>Wird in den Pool verschoben …</translation>
    </message>
    <message>
        <source>Silo (schema %1)</source>
        <translation>Silo (Schema %1)</translation>
    </message>
    <message>
        <source>Pool (shared tables)</source>
        <translation>Pool (gemeinsame Tabellen)</translation>
    </message>
    <message>
        <source>The move&apos;s progress could not be read; trying again.</source>
        <translation>Der Fortschritt der Verschiebung konnte nicht gelesen werden; neuer Versuch folgt.</translation>
    </message>
    <message>
        <source>the server gave no reason</source>
        <translation>der Server hat keinen Grund genannt</translation>
    </message>
    <message>
        <source>The move to a silo waits for its turn…</source>
        <translation>Die Verschiebung in ein Silo wartet, bis sie an der Reihe ist …</translation>
    </message>
    <message>
        <source>The move to the pool waits for its turn…</source>
        <translation>Die Verschiebung in den Pool wartet, bis sie an der Reihe ist …</translation>
    </message>
    <message>
        <source>Moving to a silo: step %1 of %2…</source>
        <translation>Verschiebung in ein Silo: Schritt %1 von %2 …</translation>
    </message>
    <message>
        <source>Moving to the pool: step %1 of %2…</source>
        <translation>Verschiebung in den Pool: Schritt %1 von %2 …</translation>
    </message>
    <message>
        <source>Writes to the tenant are paused until the move switches; reads go on.</source>
        <translation>Schreibzugriffe auf den Mandanten ruhen, bis die Verschiebung umschaltet; Lesen geht weiter.</translation>
    </message>
    <message>
        <source>The tenant was moved to a silo.</source>
        <translation>Der Mandant wurde in ein Silo verschoben.</translation>
    </message>
    <message>
        <source>The tenant was moved to the pool.</source>
        <translation>Der Mandant wurde in den Pool verschoben.</translation>
    </message>
    <message>
        <source>The move to a silo failed: %1</source>
        <translation>Die Verschiebung in ein Silo ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The move to the pool failed: %1</source>
        <translation>Die Verschiebung in den Pool ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The tenant stays where it was, and writes to it stay paused until the move is resumed or rolled back.</source>
        <translation>Der Mandant bleibt, wo er war, und Schreibzugriffe auf ihn ruhen, bis die Verschiebung fortgesetzt oder zurückgenommen ist.</translation>
    </message>
    <message>
        <source>The move was rolled back: %1</source>
        <translation>Die Verschiebung wurde zurückgenommen: %1</translation>
    </message>
    <message>
        <source>The tenant cannot be moved: this server keeps its data in SQLite, where every tenant is in the pool. Moving a tenant to a silo and back needs a server that runs on PostgreSQL.</source>
        <translation>Der Mandant kann nicht verschoben werden: Dieser Server speichert seine Daten in SQLite, wo jeder Mandant im Pool liegt. Um einen Mandanten in ein Silo und zurück zu verschieben, muss der Server mit PostgreSQL laufen.</translation>
    </message>
    <message>
        <source>Moves need a server on PostgreSQL.</source>
        <translation>Verschiebungen brauchen einen Server mit PostgreSQL.</translation>
    </message>
    <message>
        <source>This changed meanwhile: close the dialog and look at the tenant&apos;s current state.</source>
        <translation>Dies wurde zwischenzeitlich geändert: Schließen Sie den Dialog und sehen Sie sich den aktuellen Stand des Mandanten an.</translation>
    </message>
    <message>
        <source>Move tenant to a silo</source>
        <translation>Mandant in ein Silo verschieben</translation>
    </message>
    <message>
        <source>Move tenant to the pool</source>
        <translation>Mandant in den Pool verschieben</translation>
    </message>
    <message>
        <source>Move to silo</source>
        <translation>In ein Silo verschieben</translation>
    </message>
    <message>
        <source>Move to pool</source>
        <translation>In den Pool verschieben</translation>
    </message>
    <message>
        <source>The data of %1 is copied into a PostgreSQL schema of its own (%2), checked against the original, and switched over; then its rows leave the shared tables.</source>
        <translation>Die Daten von %1 werden in ein eigenes PostgreSQL-Schema (%2) kopiert, mit dem Original verglichen und umgeschaltet; danach verlassen seine Zeilen die gemeinsamen Tabellen.</translation>
    </message>
    <message>
        <source>The data of %1 is copied back into the shared tables, checked against the original, and switched over; then its schema %2 is dropped.</source>
        <translation>Die Daten von %1 werden zurück in die gemeinsamen Tabellen kopiert, mit dem Original verglichen und umgeschaltet; danach wird sein Schema %2 gelöscht.</translation>
    </message>
    <message>
        <source>Writes to the tenant (its users, notes, features, subscription and the tenant itself) are paused during the move and refused with “try again”; reads go on. A large tenant can take minutes.</source>
        <translation>Schreibzugriffe auf den Mandanten (seine Benutzer, Notizen, Funktionen, sein Abonnement und den Mandanten selbst) ruhen während der Verschiebung und werden mit „später erneut versuchen“ abgelehnt; Lesen geht weiter. Ein großer Mandant kann Minuten dauern.</translation>
    </message>
    <message>
        <source>The tenant could not be moved.</source>
        <translation>Der Mandant konnte nicht verschoben werden.</translation>
    </message>
    <message>
        <source>Starting the move to a silo…</source>
        <translation>Die Verschiebung in ein Silo wird gestartet …</translation>
    </message>
    <message>
        <source>Starting the move to the pool…</source>
        <translation>Die Verschiebung in den Pool wird gestartet …</translation>
    </message>
    <message>
        <source>Resume move</source>
        <translation>Verschiebung fortsetzen</translation>
    </message>
    <message>
        <source>The move goes on from the step it reached (a copy that failed its check is made anew). Writes to the tenant stay paused until it switches.</source>
        <translation>Die Verschiebung geht bei dem Schritt weiter, den sie erreicht hat (eine Kopie, deren Prüfung fehlschlug, wird neu erstellt). Schreibzugriffe auf den Mandanten ruhen, bis sie umschaltet.</translation>
    </message>
    <message>
        <source>The move could not be resumed.</source>
        <translation>Die Verschiebung konnte nicht fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Resuming the move…</source>
        <translation>Die Verschiebung wird fortgesetzt …</translation>
    </message>
    <message>
        <source>Roll back move</source>
        <translation>Verschiebung zurücknehmen</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Zurücknehmen</translation>
    </message>
    <message>
        <source>The copy made so far is dropped and the tenant stays where it was; writes to it go on once the rollback has run. To move it later, start a new move.</source>
        <translation>Die bisherige Kopie wird verworfen und der Mandant bleibt, wo er war; Schreibzugriffe sind wieder möglich, sobald die Rücknahme gelaufen ist. Um ihn später zu verschieben, starten Sie eine neue Verschiebung.</translation>
    </message>
    <message>
        <source>The move could not be rolled back.</source>
        <translation>Die Verschiebung konnte nicht zurückgenommen werden.</translation>
    </message>
    <message>
        <source>Rolling back the move…</source>
        <translation>Die Verschiebung wird zurückgenommen …</translation>
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
    <message>
        <source>Placement</source>
        <translation>Platzierung</translation>
    </message>
</context>
<context>
    <name>Tenantry::TenantUserModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
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
        <source>Member</source>
        <translation>Mitglied</translation>
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
        <translation>
            <numerusform>%Ln Mandant</numerusform>
            <numerusform>%Ln Mandanten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tenant(s) loaded, more as you scroll</source>
        <translation>
            <numerusform>%Ln Mandant geladen, weitere beim Blättern</numerusform>
            <numerusform>%Ln Mandanten geladen, weitere beim Blättern</numerusform>
        </translation>
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
        <translation>
            <numerusform>%Ln Mandant nach %1 exportiert.</numerusform>
            <numerusform>%Ln Mandanten nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Any placement</source>
        <translation>Jede Platzierung</translation>
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
    <name>Tenantry::WebhookEventTableModel</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Verarbeitet</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignoriert</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>Gescheitert</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehlversuche</translation>
    </message>
</context>
<context>
    <name>Tenantry::WhatIfPanel</name>
    <message>
        <source>What if: LTV, LTV:CAC and payback for other ARPA, churn, CAC and margin</source>
        <translation>Was wäre, wenn: LTV, LTV:CAC und Amortisation bei anderem ARPA, anderer Abwanderung, anderem CAC und anderer Marge</translation>
    </message>
    <message>
        <source>Back to actuals</source>
        <translation>Zurück zu den Istwerten</translation>
    </message>
    <message>
        <source>ARPA change</source>
        <translation>ARPA-Änderung</translation>
    </message>
    <message>
        <source>Churn change</source>
        <translation>Abwanderungsänderung</translation>
    </message>
    <message>
        <source>CAC change</source>
        <translation>CAC-Änderung</translation>
    </message>
    <message>
        <source>Gross margin</source>
        <translation>Bruttomarge</translation>
    </message>
    <message>
        <source>LTV</source>
        <translation>LTV</translation>
    </message>
    <message>
        <source>LTV:CAC</source>
        <translation>LTV:CAC</translation>
    </message>
    <message>
        <source>CAC payback</source>
        <translation>CAC-Amortisation</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Ist</translation>
    </message>
    <message>
        <source>What if</source>
        <translation>Was wäre, wenn</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 Monate</translation>
    </message>
    <message>
        <source>Scenario: ARPA %1, churn %2, CAC %3</source>
        <translation>Szenario: ARPA %1, Abwanderung %2, CAC %3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Start the bundled tenantryd with demo data and sign in to it.</source>
        <translation>Den mitgelieferten tenantryd mit Demodaten starten und sich dort anmelden.</translation>
    </message>
    <message>
        <source>The demo server&apos;s data folder (default: a temporary one).</source>
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
