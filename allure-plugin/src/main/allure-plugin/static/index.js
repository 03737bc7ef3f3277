/*
 * Lazarus fleet: the Fleet widget on the Overview (widgets/lazarus-fleet.json) and the Fleet tab
 * (data/lazarus-fleet.json), both written by dev.lazarus.allure.fleet.FleetPlugin at `allure generate` time from the
 * lazarus-fleet-<run id>.json a Lazarus run writes into its results folder.
 *
 * Plain ES5 against Allure 2's plugin API (window.allure): no build step. The views are Marionette views reached
 * through allure.components (the plugin API exposes no Backbone global).
 */
(function () {
    'use strict';

    allure.api.addTranslation('en', {
        tab: {lazarusFleet: {name: 'Fleet'}},
        widget: {lazarusFleet: {name: 'Fleet'}}
    });

    // Marionette's View: the class Allure's WidgetStatusView extends.
    var View = Object.getPrototypeOf(allure.components.WidgetStatusView);

    function esc(value) {
        if (value === null || value === undefined) {
            return '';
        }
        return String(value)
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/"/g, '&quot;')
            .replace(/'/g, '&#39;');
    }

    function fixed(value, digits) {
        return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
    }

    /** A report data file: by XHR, or from the page itself for a single-file report. */
    function loadJson(url) {
        if (window.reportData) {
            return new Promise(function (resolve) {
                (function ready() {
                    if (window.reportDataReady !== false) {
                        resolve();
                    } else {
                        setTimeout(ready, 30);
                    }
                })();
            }).then(function () {
                var value = window.reportData[url];
                if (!value) {
                    throw new Error(url + ' is not in the report');
                }
                var bytes = atob(value);
                var utf8 = new Uint8Array(bytes.length);
                for (var i = 0; i < bytes.length; i++) {
                    utf8[i] = bytes.charCodeAt(i);
                }
                return JSON.parse(new TextDecoder('utf-8').decode(utf8));
            });
        }
        return fetch(url).then(function (response) {
            if (!response.ok) {
                throw new Error(url + ': HTTP ' + response.status);
            }
            return response.json();
        });
    }

    function statusClass(status) {
        if (status === 'install_success') {
            return 'passed';
        }
        if (status === 'ghost' || status === 'watchdog_timeout') {
            return 'broken';
        }
        return 'failed';
    }

    function ipList(ips, limit) {
        if (!ips.length) {
            return '';
        }
        var shown = ips.slice(0, limit).map(esc).join(', ');
        return ' <span class="lazarus-fleet__ips">(' + shown + (ips.length > limit ? ', … ' + (ips.length - limit)
            + ' more' : '') + ')</span>';
    }

    function row(label, key, value, text, extra) {
        return '<tr><th>' + esc(label) + '</th><td><span class="lazarus-fleet__value" data-fleet="' + key
            + '" data-value="' + esc(value) + '">' + esc(text) + '</span>' + (extra || '') + '</td></tr>';
    }

    function summaryHtml(f) {
        var statuses = Object.keys(f.statuses || {})
            .filter(function (s) { return f.statuses[s] > 0; })
            .map(function (s) {
                return '<a class="lazarus-fleet__status lazarus-fleet__status_' + statusClass(s) + '" href="#fleet/'
                    + esc(s) + '" data-fleet-status="' + esc(s) + '" data-value="' + f.statuses[s] + '">' + esc(s)
                    + ' ' + f.statuses[s] + '</a>';
            })
            .join(' ');
        var resurrected = f.resurrected.map(function (r) {
            return esc(r.ip) + ' → ' + esc(r.finalStatus);
        });
        var html = '<div class="lazarus-fleet" data-run="' + esc(f.runId) + '">'
            + '<div class="lazarus-fleet__run">' + esc(f.scenario) + ' · shard ' + esc(f.shard) + ' · '
            + esc(f.controlPlane) + ' · run ' + esc(f.runId) + '</div>'
            + '<table class="lazarus-fleet__numbers">'
            + row('nodes in the gold list', 'gold', f.gold, f.gold)
            + row('nodes with a verdict', 'with-verdict', f.withVerdict, f.withVerdict)
            + row('ghosts now', 'ghosts-now', f.ghostsNow.length, f.ghostsNow.length, ipList(f.ghostsNow, 10))
            + row('ghosts during the run', 'ghosts-ever', f.ghostsEver.length, f.ghostsEver.length,
                ipList(f.ghostsEver, 10))
            + row('resurrected ghosts', 'resurrected', f.resurrected.length, f.resurrected.length,
                resurrected.length ? ' <span class="lazarus-fleet__ips">(' + resurrected.slice(0, 10).join(', ')
                    + (resurrected.length > 10 ? ', …' : '') + ')</span>' : '')
            + row('untraceable entries', 'untraceable', f.untraceable, f.untraceable)
            + '<tr><th>accounting invariant</th><td><span class="lazarus-fleet__invariant lazarus-fleet__invariant_'
            + (f.invariantHolds ? 'holds' : 'broken') + '" data-fleet="invariant-holds" data-value="'
            + f.invariantHolds + '">' + (f.invariantHolds ? 'holds' : 'BROKEN') + '</span> <code data-fleet="invariant">'
            + esc(f.invariant) + '</code></td></tr>'
            + '<tr><th>nodes per status</th><td>' + statuses + '</td></tr>'
            + row('throughput', 'throughput', f.throughput, fixed(f.throughput, 0) + ' nodes/min')
            + row('wall ÷ ideal', 'wall-over-ideal', f.wallOverIdeal,
                f.wallOverIdeal === null ? '–' : fixed(f.wallOverIdeal, 1) + ' ×',
                ' <span class="lazarus-fleet__ips">(wall <span data-fleet="wall-seconds" data-value="'
                + esc(f.wallSeconds) + '">' + fixed(f.wallSeconds, 1) + ' s</span>, ideal <span data-fleet="ideal-seconds"'
                + ' data-value="' + esc(f.idealSeconds) + '">' + fixed(f.idealSeconds, 1)
                + ' s</span>: the slowest node\'s own commands)</span>')
            + '</table></div>';
        return html;
    }

    var FleetWidget = View.extend({
        template: function (data) {
            var items = data.items || [];
            return '<h2 class="widget__title">' + esc(allure.api.translate('widget.lazarusFleet.name'))
                + ' <span class="widget__subtitle">' + items.length + ' run' + (items.length === 1 ? '' : 's')
                + '</span></h2>'
                + '<div class="lazarus-fleet-widget" data-lazarus-fleet="ready">'
                + (items.length ? items.map(summaryHtml).join('') : '<div class="lazarus-fleet__empty">No Lazarus '
                    + 'fleet file in the results (lazarus-fleet-*.json).</div>')
                + '</div>'
                + '<div class="table widget__table"><a class="table__row" href="#fleet">'
                + '<div class="table__col table__col_center">show every node</div></a></div>';
        }
    });

    allure.api.addWidget('widgets', 'lazarus-fleet', FleetWidget);

    function nodesHtml(fleet, status) {
        var rows = fleet.nodes.filter(function (n) { return !status || n.status === status; });
        var filters = '<a class="lazarus-fleet__filter' + (status ? '' : ' lazarus-fleet__filter_active')
            + '" href="#fleet" data-fleet-filter="all">all ' + fleet.nodes.length + '</a>'
            + Object.keys(fleet.nodesByStatus).map(function (s) {
                return ' <a class="lazarus-fleet__filter lazarus-fleet__status_' + statusClass(s)
                    + (s === status ? ' lazarus-fleet__filter_active' : '') + '" href="#fleet/' + esc(s)
                    + '" data-fleet-filter="' + esc(s) + '">' + esc(s) + ' ' + fleet.nodesByStatus[s] + '</a>';
            }).join('');
        var body = rows.map(function (n) {
            var name = n.uid ? '<a href="#testresult/' + esc(n.uid) + '">' + esc(n.result) + '</a>' : '–';
            var event = n.wasGhost ? esc(n.lastEvent) + (n.resurrected ? ' (resurrected)' : '') : '';
            return '<tr class="lazarus-fleet__node" data-ip="' + esc(n.ip) + '" data-status="' + esc(n.status) + '">'
                + '<td class="lazarus-fleet__ip">' + esc(n.ip) + '</td>'
                + '<td><span class="lazarus-fleet__status lazarus-fleet__status_' + statusClass(n.status) + '">'
                + esc(n.status) + '</span></td>'
                + '<td class="lazarus-fleet__tags">' + n.tags.map(esc).join(' ') + '</td>'
                + '<td data-attempts="' + n.attempts + '">' + n.attempts + '</td>'
                + '<td>' + event + '</td>'
                + '<td>' + name + '</td></tr>';
        }).join('');
        return '<div class="lazarus-fleet__filters">' + filters + '</div>'
            + '<table class="lazarus-fleet__table" data-fleet-nodes="' + rows.length + '">'
            + '<thead><tr><th>IP</th><th>status</th><th>tags</th><th>attempts</th>'
            + '<th>last lifecycle event (ghosts)</th><th>result</th></tr></thead><tbody>' + body + '</tbody></table>';
    }

    function ghostsHtml(fleet) {
        if (!fleet.ghosts.length) {
            return '<p class="lazarus-fleet__none">No node was a ghost in this run.</p>';
        }
        var body = fleet.ghosts.map(function (g) {
            var outage = g.awsOutageContext ? esc(JSON.stringify(g.awsOutageContext)) : '';
            return '<tr class="lazarus-fleet__ghost" data-ip="' + esc(g.ip) + '">'
                + '<td class="lazarus-fleet__ip">' + esc(g.ip) + '</td>'
                + '<td>' + esc(g.shard) + '</td>'
                + '<td>' + g.detectedAfterRound + '</td>'
                + '<td>' + esc(g.lastEvent) + '</td>'
                + '<td class="lazarus-fleet__tags">' + g.tags.map(esc).join(' ') + '</td>'
                + '<td>' + (g.resurrected ? 'yes' : 'no') + '</td>'
                + '<td><span class="lazarus-fleet__status lazarus-fleet__status_' + statusClass(g.finalStatus) + '">'
                + esc(g.finalStatus) + '</span></td>'
                + '<td>' + esc(g.reason || '') + (outage ? ' <code>' + outage + '</code>' : '') + '</td>'
                + '<td>' + (g.uid ? '<a href="#testresult/' + esc(g.uid) + '">result</a>' : '–') + '</td></tr>';
        }).join('');
        return '<table class="lazarus-fleet__table lazarus-fleet__ghosts" data-fleet-ghosts="' + fleet.ghosts.length
            + '"><thead><tr><th>IP</th><th>shard</th><th>ghost after round</th><th>last lifecycle event</th>'
            + '<th>tags</th><th>resurrected</th><th>final status</th><th>shard loss / outage</th><th>result</th>'
            + '</tr></thead><tbody>' + body + '</tbody></table>';
    }

    var FleetView = View.extend({
        className: 'lazarus-fleet-tab',
        template: function () {
            var status = this.status;
            var fleets = this.data.fleets || [];
            var html = '<div class="pane__header"><h2 class="pane__title">'
                + esc(allure.api.translate('tab.lazarusFleet.name'))
                + (status ? ' · ' + esc(status) : '') + '</h2></div>'
                + '<div class="pane__content lazarus-fleet-tab__content" data-lazarus-fleet="ready">';
            if (!fleets.length) {
                html += '<p class="lazarus-fleet__none">No Lazarus fleet file in the results (lazarus-fleet-*.json).'
                    + '</p>';
            }
            fleets.forEach(function (fleet) {
                html += '<section class="lazarus-fleet__run-section" data-run="' + esc(fleet.summary.runId) + '">'
                    + summaryHtml(fleet.summary)
                    + '<h3>Nodes</h3>' + nodesHtml(fleet, status)
                    + '<h3>Ghosts, with their forensics</h3>' + ghostsHtml(fleet)
                    + '</section>';
            });
            return html + '</div>';
        },
        initialize: function (options) {
            this.status = options.status || null;
            this.data = options.data;
            this.template = this.template.bind(this);
        }
    });

    var FleetLayout = allure.components.AppLayout.extend({
        initialize: function (options) {
            this.status = options.status || null;
        },
        loadData: function () {
            var layout = this;
            return loadJson('data/lazarus-fleet.json').then(function (data) {
                layout.data = data;
            });
        },
        getContentView: function () {
            return new FleetView({status: this.status, data: this.data});
        }
    });

    allure.api.addTab('fleet', {
        title: 'tab.lazarusFleet.name',
        icon: 'fa fa-server',
        route: 'fleet(/)(:status)(/)',
        onEnter: function (status) {
            return new FleetLayout({status: status});
        }
    });
})();
