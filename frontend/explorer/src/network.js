// The unit network drawn with Cytoscape.js: units as nodes sized by their leaders, links as
// edges whose width follows the ties and dependencies between the two units. The layout
// (fCoSE: Balci & Dogrusoz, 2022) is computed once per organization and graph version and
// kept, so that switching modes or dates only restyles the nodes.

import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

cytoscape.use(fcose);

// Above this many units the layout skips its quality pass and edges hide while panning:
// measured with bench/explorer_render.py.
const LARGE = 400;
const positions = new Map(); // `${organization}@${version}` -> {unit id: {x, y}}

// Shapes as well as colours tell factions apart, so that colour is never the only signal.
export const FACTION_SHAPES = ["diamond", "triangle", "rectangle", "star", "hexagon", "vee"];
const FACTION_COLOURS = ["#1b5e9f", "#b35806", "#2d7a3a", "#7b3294", "#8c510a", "#c51b7d"];

const STYLE = [
  {
    selector: "node",
    style: {
      width: "data(size)",
      height: "data(size)",
      "background-color": "#8a9aa9",
      "border-width": 1,
      "border-color": "#3d4a56",
      label: "data(name)",
      "font-size": 9,
      "text-valign": "bottom",
      "text-margin-y": 2,
      color: "#1d2329",
      "min-zoomed-font-size": 8,
    },
  },
  {
    selector: "edge",
    style: {
      width: "data(width)",
      "line-color": "#a9b4be",
      "curve-style": "haystack",
      opacity: 0.6,
    },
  },
  { selector: "edge.unreliable", style: { "line-style": "dashed", "line-color": "#9c4a1a" } },
  { selector: ".faded", style: { opacity: 0.25 } },
  {
    selector: "node.marked",
    style: {
      "background-color": "#c0392b",
      "border-width": 4,
      "border-color": "#111",
      shape: "round-rectangle",
      label: "data(mark)",
      "font-weight": "bold",
      "z-index": 10,
      opacity: 1,
    },
  },
  { selector: "edge.marked", style: { "line-color": "#c0392b", opacity: 1, width: 4 } },
  ...FACTION_SHAPES.map((shape, i) => ({
    selector: `node.faction-${i}`,
    style: { shape, "background-color": FACTION_COLOURS[i] },
  })),
  {
    selector: "node:selected",
    style: { "border-width": 6, "border-color": "#005fcc", "border-style": "double" },
  },
];

export function drawNetwork(container, network, key, onSelect) {
  const large = network.units.length > LARGE;
  const ids = new Set(network.units.map((unit) => unit.id));
  const elements = [
    ...network.units.map((unit) => ({
      group: "nodes",
      data: {
        id: unit.id,
        name: unit.name,
        mark: unit.name,
        size: 12 + 6 * Math.sqrt(unit.people),
      },
    })),
    ...network.links
      .filter((link) => ids.has(link.unitA) && ids.has(link.unitB))
      .map((link) => ({
        group: "edges",
        data: {
          id: `${link.unitA}~${link.unitB}`,
          source: link.unitA,
          target: link.unitB,
          width: 0.5 + Math.log2(1 + (link.ties || 0) + link.dependencies),
        },
        classes: link.unreliable ? "unreliable" : "",
      })),
  ];
  const cy = cytoscape({
    container,
    elements,
    style: STYLE,
    layout: { name: "preset" },
    wheelSensitivity: 0.3,
    hideEdgesOnViewport: large,
    textureOnViewport: large,
    motionBlur: false,
    pixelRatio: 1,
    selectionType: "single",
    boxSelectionEnabled: false,
  });
  const started = performance.now();
  const known = positions.get(key);
  if (known) {
    cy.nodes().positions((node) => known[node.id()]);
    cy.fit(undefined, 20);
  } else {
    cy.layout({
      name: "fcose",
      quality: large ? "draft" : "default",
      randomize: true,
      animate: false,
      nodeDimensionsIncludeLabels: false,
      packComponents: true,
      numIter: large ? 1000 : 2500,
      fit: true,
      padding: 20,
    }).run();
    const kept = {};
    cy.nodes().forEach((node) => {
      kept[node.id()] = { ...node.position() };
    });
    positions.set(key, kept);
  }
  const layoutMs = performance.now() - started;
  cy.on("tap", "node", (event) => onSelect(event.target.id()));
  return { cy, layoutMs };
}

// Marks `marks` (unit id -> label such as "#1 Sales") and fades the rest; `factions` (unit id
// -> faction index) gives those units their faction's shape; `pairs` marks the edges between.
export function highlight(cy, { marks = new Map(), factions = new Map(), pairs = [] }) {
  cy.batch(() => {
    cy.elements().removeClass("marked faded");
    FACTION_SHAPES.forEach((_, i) => cy.nodes().removeClass(`faction-${i}`));
    const any = marks.size || factions.size;
    cy.nodes().forEach((node) => {
      const mark = marks.get(node.id());
      const faction = factions.get(node.id());
      node.data("mark", mark || node.data("name"));
      if (mark) node.addClass("marked");
      if (faction !== undefined) node.addClass(`faction-${faction % FACTION_SHAPES.length}`);
      if (any && !mark && faction === undefined) node.addClass("faded");
    });
    cy.edges().forEach((edge) => {
      if (any) edge.addClass("faded");
    });
    for (const [a, b] of pairs) {
      const edge = cy.getElementById(`${a}~${b}`);
      if (edge.nonempty()) edge.removeClass("faded").addClass("marked");
    }
  });
}

export function focusUnit(cy, unitId) {
  const node = cy.getElementById(unitId);
  if (node.empty()) return;
  cy.nodes().unselect();
  node.select();
  cy.animate({ center: { eles: node }, duration: 0 });
}
