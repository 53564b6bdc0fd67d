<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Tenantry::AuditLogView</name>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) loaded, more as you scroll</source>
        <translation>
            <numerusform>%Ln event loaded, more as you scroll</numerusform>
            <numerusform>%Ln events loaded, more as you scroll</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::BillingView</name>
    <message numerus="yes">
        <source>The simulator&apos;s clock moves %Ln day(s) ahead. Subscriptions renew, invoices are issued, payments are retried and trials end as they fall due, and their events arrive in the webhook inbox. The clock cannot be moved back.</source>
        <translation>
            <numerusform>The simulator&apos;s clock moves %Ln day ahead. Subscriptions renew, invoices are issued, payments are retried and trials end as they fall due, and their events arrive in the webhook inbox. The clock cannot be moved back.</numerusform>
            <numerusform>The simulator&apos;s clock moves %Ln days ahead. Subscriptions renew, invoices are issued, payments are retried and trials end as they fall due, and their events arrive in the webhook inbox. The clock cannot be moved back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) shown; older ones follow.</source>
        <translation>
            <numerusform>%Ln event shown; older ones follow.</numerusform>
            <numerusform>%Ln events shown; older ones follow.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>and %Ln more</numerusform>
            <numerusform>and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) go back to pending and are applied again, like a new delivery. An event older than the state already applied changes nothing. Each replay is audited.</source>
        <translation>
            <numerusform>%Ln event goes back to pending and is applied again, like a new delivery. An event older than the state already applied changes nothing. Each replay is audited.</numerusform>
            <numerusform>%Ln events go back to pending and are applied again, like a new delivery. An event older than the state already applied changes nothing. Each replay is audited.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) could not be replayed. Replay retries only those.</source>
        <translation>
            <numerusform>%Ln event could not be replayed. Replay retries only that one.</numerusform>
            <numerusform>%Ln events could not be replayed. Replay retries only those.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln difference(s) found, all applied.</source>
        <translation>
            <numerusform>%Ln difference found, applied.</numerusform>
            <numerusform>%Ln differences found, all applied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln difference(s) found. Select one to apply the provider&apos;s value.</source>
        <translation>
            <numerusform>%Ln difference found. Select it to apply the provider&apos;s value.</numerusform>
            <numerusform>%Ln differences found. Select one to apply the provider&apos;s value.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replay the %Ln selected dead or ignored event(s)</source>
        <translation>
            <numerusform>Replay the selected dead or ignored event</numerusform>
            <numerusform>Replay the %Ln selected dead or ignored events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::ConnectionBanner</name>
    <message numerus="yes">
        <source>The server cannot be reached (%1). Checking again in %Ln second(s); your work on this screen is kept.</source>
        <translation>
            <numerusform>The server cannot be reached (%1). Checking again in %Ln second; your work on this screen is kept.</numerusform>
            <numerusform>The server cannot be reached (%1). Checking again in %Ln seconds; your work on this screen is kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::ConsoleApplication</name>
    <message numerus="yes">
        <source>Signed in as %1 on %2: %Ln tenant(s).</source>
        <translation>
            <numerusform>Signed in as %1 on %2: %Ln tenant.</numerusform>
            <numerusform>Signed in as %1 on %2: %Ln tenants.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::DashboardView</name>
    <message numerus="yes">
        <source>Syncing… %Ln page(s), %1 rows</source>
        <translation>
            <numerusform>Syncing… %Ln page, %1 rows</numerusform>
            <numerusform>Syncing… %Ln pages, %1 rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Data from %Ln minute(s) ago</source>
        <translation>
            <numerusform>Data from %Ln minute ago</numerusform>
            <numerusform>Data from %Ln minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Data from %Ln hour(s) ago</source>
        <translation>
            <numerusform>Data from %Ln hour ago</numerusform>
            <numerusform>Data from %Ln hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Data from %Ln day(s) ago</source>
        <translation>
            <numerusform>Data from %Ln day ago</numerusform>
            <numerusform>Data from %Ln days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::PlanTableModel</name>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::PlansView</name>
    <message numerus="yes">
        <source>%Ln plan(s)</source>
        <translation>
            <numerusform>%Ln plan</numerusform>
            <numerusform>%Ln plans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::SubscriptionsView</name>
    <message numerus="yes">
        <source>%n subscription(s) shown; loading more…</source>
        <translation>
            <numerusform>%n subscription shown; loading more…</numerusform>
            <numerusform>%n subscriptions shown; loading more…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s) shown; scroll down for more.</source>
        <translation>
            <numerusform>%n subscription shown; scroll down for more.</numerusform>
            <numerusform>%n subscriptions shown; scroll down for more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s): all shown.</source>
        <translation>
            <numerusform>%n subscription: all shown.</numerusform>
            <numerusform>%n subscriptions: all shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tenantry::TenantsView</name>
    <message numerus="yes">
        <source>%Ln tenant(s)</source>
        <translation>
            <numerusform>%Ln tenant</numerusform>
            <numerusform>%Ln tenants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tenant(s) loaded, more as you scroll</source>
        <translation>
            <numerusform>%Ln tenant loaded, more as you scroll</numerusform>
            <numerusform>%Ln tenants loaded, more as you scroll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln tenant(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln tenant to %1.</numerusform>
            <numerusform>Exported %Ln tenants to %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
