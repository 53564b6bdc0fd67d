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
