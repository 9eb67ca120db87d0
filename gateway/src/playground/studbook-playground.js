// The playground's browser code: GraphiQL with a fetcher that sends the headers editor's headers
// over HTTP, and subscriptions over graphql-ws with the Authorization header in connection_init.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('studbook-playground-config').textContent);
  var httpUrl = new URL(config.path, window.location.href).toString();
  var wsUrl = httpUrl.replace(/^http/, 'ws');
  var socket = { authorization: null, client: null };

  function authorizationOf(headers) {
    for (var key in headers || {}) if (key.toLowerCase() === 'authorization') return String(headers[key]);
    return null;
  }

  // One socket per Authorization value: changing the token in the headers editor reconnects.
  function wsClient(authorization) {
    if (socket.client && socket.authorization === authorization) return socket.client;
    if (socket.client) socket.client.dispose();
    socket.authorization = authorization;
    socket.client = graphqlWs.createClient({ url: wsUrl, lazy: true, connectionParams: authorization ? { authorization: authorization } : {} });
    return socket.client;
  }

  function isSubscription(params) {
    var source = String(params.query || '').replace(/#[^\n]*/g, '');
    var pattern = /(?:^|\})\s*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/g;
    var match;
    while ((match = pattern.exec(source))) {
      if (!params.operationName || match[2] === params.operationName) return match[1] === 'subscription';
    }
    return false;
  }

  function fetcher(params, options) {
    var headers = (options && options.headers) || {};
    if (isSubscription(params)) {
      var client = wsClient(authorizationOf(headers));
      return client.iterate({ query: params.query, variables: params.variables, operationName: params.operationName });
    }
    var sent = Object.assign({ 'content-type': 'application/json', accept: 'application/json' }, headers);
    return fetch(httpUrl, { method: 'POST', headers: sent, body: JSON.stringify(params) }).then(function (response) {
      return response.json();
    });
  }

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
    }),
  );
})();
